// Package batches groups mailboxes into migration batches from the state
// files, so that permissions stay within a batch where they can.
package batches
