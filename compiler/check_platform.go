package compiler

// platform refuses the Exchange versions the scripts cannot run on and warns
// about those out of support.
func (c *checker) platform() {
	op := c.cfg.OnPremises
	if op == nil {
		return
	}
	pos := op.ValuePos("exchangeVersion")
	switch op.ExchangeVersion {
	case "2007":
		c.diags.errorf(pos, CodeExchangeUnsupported,
			"Exchange 2007 is not supported: it is long out of support, has no hybrid deployment with Exchange Online, and its Exchange Management Shell is Windows PowerShell 1.0 while the scripts need Windows PowerShell 5.1; upgrade to Exchange Server SE")
	case "2010":
		c.diags.errorf(pos, CodeExchangeUnsupported,
			"Exchange 2010 is not supported: it is out of support (since 13 October 2020), and its Exchange Management Shell is Windows PowerShell 2.0 while the scripts need Windows PowerShell 5.1; upgrade to Exchange Server SE")
	case "2016", "2019":
		c.diags.warnf(pos, CodeExchangeEndOfSupport,
			"Exchange %s has been out of support since 14 October 2025: upgrade to Exchange Server SE, the supported version, and set exchangeVersion: SE", op.ExchangeVersion)
	}
}
