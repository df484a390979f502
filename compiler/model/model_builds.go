package model

import "sync/atomic"

// The checked model is built once per compile and handed on: check builds
// the declared index of the mailboxes and groups (DeclaredIndexOf) and the
// inventory (InventoryOf), the inventory carries the declared index and its
// index of what dependsOn names (references) to the order, and the
// schedule carries the declared index to the runbook. modelBuilds lets a test count the
// builds (TestModelBuiltOnce).

// A modelPart is a part of the checked model whose builds a test counts.
type modelPart int

const (
	// partMailboxIndex is an index of the declared mailboxes by name: the
	// declared index (DeclaredIndexOf).
	partMailboxIndex modelPart = iota
	// partInventory is the inventory (inventoryOf).
	partInventory
	// partReferences is the index of the resources dependsOn can name
	// (resourceIndex).
	partReferences
	ModelParts
)

// ModelBuildCounts counts the builds of each part.
type ModelBuildCounts [ModelParts]atomic.Int64

// ModelBuilds counts each build of a part of the checked model while a
// test has set it; it is nil otherwise, and nothing is counted.
var ModelBuilds atomic.Pointer[ModelBuildCounts]

// built counts one build of part, when a test counts.
func built(part modelPart) {
	if c := ModelBuilds.Load(); c != nil {
		c[part].Add(1)
	}
}

// References is the inventory's index of the resources dependsOn can name
// (resourceIndex), built on first use: check's dependencies and the order
// both read it.
func (inv *Inventory) References() map[*Target]map[ResourceKey]*Resource {
	if inv.Refs == nil {
		inv.Refs = resourceIndex(inv)
	}
	return inv.Refs
}
