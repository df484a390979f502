package config

// AuthCertificate is Exchange's OAuth certificate (Get-AuthConfig's
// CurrentCertificateThumbprint) and, during a renewal, the next one
// (NextCertificateThumbprint, NextCertificateEffectiveDate). The dedicated
// Exchange hybrid application in Entra ID holds both as key credentials
// (entra-app.ps1).
type AuthCertificate struct {
	Meta `yaml:"-"`
	// Thumbprint is the SHA-1 thumbprint of the current auth certificate,
	// 40 hexadecimal digits.
	Thumbprint Thumbprint `yaml:"thumbprint" jsonschema:"required"`
	// NotAfter is the date the current certificate expires (YYYY-MM-DD).
	NotAfter Date `yaml:"notAfter,omitempty"`
	// Next is the certificate that replaces the current one on its
	// effective date.
	Next *NextAuthCertificate `yaml:"next,omitempty"`
}

// NextAuthCertificate is the auth certificate that takes over on its
// effective date.
type NextAuthCertificate struct {
	Meta `yaml:"-"`
	// Thumbprint is the SHA-1 thumbprint of the next auth certificate.
	Thumbprint Thumbprint `yaml:"thumbprint" jsonschema:"required"`
	// EffectiveDate is the date the next certificate becomes the current
	// one (YYYY-MM-DD).
	EffectiveDate Date `yaml:"effectiveDate,omitempty"`
	// NotAfter is the date the next certificate expires (YYYY-MM-DD).
	NotAfter Date `yaml:"notAfter,omitempty"`
}
