package check

import (
	"time"

	"github.com/hybridc/hybridc/compiler/exchange"

	"github.com/hybridc/hybridc/compiler/diag"
)

// platform refuses the Exchange versions the scripts cannot run on and warns
// about those out of support, with the end dates of the behaviour table;
// then checks the build and OAuth (oauth).
func (c *checker) platform() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	defer c.oauth()
	pos := op.ValuePos("exchangeVersion")
	switch op.ExchangeVersion {
	case "2007":
		c.diags.Errorf(pos, diag.CodeExchangeUnsupported,
			"Exchange 2007 is not supported: it is long out of support, has no hybrid deployment with Exchange Online, and its Exchange Management Shell is Windows PowerShell 1.0 while the scripts need Windows PowerShell 5.1; upgrade to Exchange Server SE")
		return
	case "2010":
		c.diags.Errorf(pos, diag.CodeExchangeUnsupported,
			"Exchange 2010 is not supported: it is out of support (since 13 October 2020), and its Exchange Management Shell is Windows PowerShell 2.0 while the scripts need Windows PowerShell 5.1; upgrade to Exchange Server SE")
		return
	}
	p, ok := exchange.ProductNamed("Exchange Server " + string(op.ExchangeVersion))
	if !ok || p.Supported {
		return
	}
	since := p.EndOfSupport
	if t, err := time.Parse("2006-01-02", since); err == nil {
		since = t.Format("2 January 2006")
	}
	c.diags.Warnf(pos, diag.CodeExchangeEndOfSupport,
		"Exchange %s has been out of support since %s: upgrade to Exchange Server SE, the supported version, and set exchangeVersion: SE", op.ExchangeVersion, since)
}
