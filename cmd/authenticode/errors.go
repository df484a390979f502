package authenticode

import "errors"

// Sentinel errors. Functions wrap them with details (a certificate subject, a
// date, a key size), so test them with errors.Is. No error ever contains a
// private key or a password.
var (
	// ErrWrongPassword means a PFX file could not be decrypted or parsed.
	ErrWrongPassword = errors.New("wrong password or corrupt PFX")
	// ErrEncryptedKey means a PEM private key is encrypted, which LoadPEM does not read.
	ErrEncryptedKey = errors.New("encrypted PEM private keys are not supported: decrypt the key (openssl pkey) or use a PFX file")
	// ErrNoKey means no private key was found in the key PEM data.
	ErrNoKey = errors.New("no private key found")
	// ErrNoCertificate means no certificate was found in the certificate data.
	ErrNoCertificate = errors.New("no certificate found")
	// ErrKeyMismatch means the private key does not belong to any supplied certificate.
	ErrKeyMismatch = errors.New("private key does not match the certificate")
	// ErrWeakKey means the key type or size is not accepted (RSA below 2048 bits, ECDSA other than P-256/P-384).
	ErrWeakKey = errors.New("key is not accepted for signing")
	// ErrNotCodeSigning means the certificate lacks the codeSigning extended key
	// usage, or has a key usage extension without digitalSignature.
	ErrNotCodeSigning = errors.New("certificate is not valid for code signing")
	// ErrCACertificate means the signing certificate is a CA certificate
	// (basic constraints CA:TRUE) instead of an end-entity one.
	ErrCACertificate = errors.New("certificate is a CA certificate, not an end-entity one")
	// ErrWeakCertSignature means a certificate of the signer's chain is signed
	// with MD5 or SHA-1 (or an unknown algorithm).
	ErrWeakCertSignature = errors.New("certificate is signed with a broken algorithm")
	// ErrExpired means a certificate is past its NotAfter date.
	ErrExpired = errors.New("certificate has expired")
	// ErrNotYetValid means a certificate is before its NotBefore date.
	ErrNotYetValid = errors.New("certificate is not yet valid")
	// ErrUnsupportedHash means the requested or found digest algorithm is not SHA-256, SHA-384 or SHA-512.
	ErrUnsupportedHash = errors.New("unsupported hash algorithm: use SHA-256, SHA-384 or SHA-512")
	// ErrMarkerInBody means the script body contains the signature block marker
	// line, which would move the boundary of the signed content.
	ErrMarkerInBody = errors.New("script contains the line '# SIG # Begin signature block' outside a signature block at its end")
	// ErrEncoding means the script's text encoding cannot be signed faithfully.
	ErrEncoding = errors.New("unsupported script encoding")
	// ErrNoSignature means the script has no signature block.
	ErrNoSignature = errors.New("no signature block")
	// ErrMalformed means the signature block or the PKCS#7 structure in it is malformed.
	ErrMalformed = errors.New("signature block is malformed")
	// ErrDigestMismatch means the script body does not hash to the signed digest.
	ErrDigestMismatch = errors.New("script was changed after signing (digest mismatch)")
	// ErrBadSignature means the cryptographic signature does not verify.
	ErrBadSignature = errors.New("signature is invalid (it does not match the signer's certificate)")
	// ErrUntrusted means the signer's certificate chain does not lead to a trusted root.
	ErrUntrusted = errors.New("signer's certificate chain is not trusted")
	// ErrTimestamp means a timestamp could not be obtained or does not verify.
	ErrTimestamp = errors.New("timestamp failed")
)
