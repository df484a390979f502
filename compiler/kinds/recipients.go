package kinds

import "github.com/hybridc/hybridc/compiler/state"

// The properties of a state's recipients and permission entries that the
// permission kinds, the import and the runbook read, named as the cmdlets
// name them (Get-Recipient, Get-Mailbox, Get-MailboxPermission, ...).
const (
	// RecipientTypeParam is a recipient's type (UserMailbox,
	// RemoteUserMailbox, MailUser, GroupMailbox, ...).
	RecipientTypeParam = "RecipientTypeDetails"
	// DelegatesParam is a mailbox's Send on Behalf delegates.
	DelegatesParam = "GrantSendOnBehalfTo"
	// RightsParam is a permission entry's rights (FullAccess, SendAs,
	// ExtendedRight, a folder role).
	RightsParam = "AccessRights"
)

// RecipientProperties are the recipient and permission properties above.
var RecipientProperties = []string{RecipientTypeParam, DelegatesParam, RightsParam}

// RecipientType is where r holds its type (RecipientTypeDetails).
func RecipientType(r *state.Recipient) *string { return &r.RecipientTypeDetails }

// Delegates is where a mailbox holds its Send on Behalf delegates
// (GrantSendOnBehalfTo): Guids where the export resolved them.
func Delegates(r *state.Recipient) *[]string { return &r.GrantSendOnBehalfTo }

// Rights is where a permission entry holds its rights (AccessRights).
func Rights(p *state.Permission) *[]string { return &p.AccessRights }
