// Package model is the checked model the later stages share: the inventory
// of resources a configuration declares (each of a kind of package kinds),
// their identity (keys, case folding), their properties and data items, the
// index of the declared mailboxes and groups, and the order that turns the
// inventory into a schedule: per script, the resources in the order they
// are applied.
package model
