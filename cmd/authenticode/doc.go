// Package authenticode signs and verifies Windows PowerShell scripts (.ps1)
// with Authenticode signatures, the format that Set-AuthenticodeSignature
// writes and that the AllSigned and RemoteSigned execution policies check.
//
// A signature is a PKCS#7 SignedData structure appended to the end of the
// script as a comment block:
//
//	# SIG # Begin signature block
//	# MIIk...
//	# SIG # End signature block
//
// Everything before the CRLF that precedes the block is signed. It is hashed
// as UTF-16LE: a UTF-8 script (with or without byte-order mark) is converted
// first, the UTF-8 BOM becoming FF FE; a UTF-16LE script is hashed as it is.
// The signed content carries the PowerShell SIP GUID
// {603BCC1F-4B59-4E08-B724-D2C6297EF351}, exactly as Windows produces it, so
// that both Windows and osslsigncode accept the result.
//
// # Determinism and air-gapped use
//
// By default Sign adds no signingTime attribute and asks no timestamp
// authority, so signing needs no network and the same script signed with the
// same key always gives the same bytes (RSA PKCS#1 v1.5 is deterministic, and
// ECDSA signatures use RFC 6979 deterministic nonces).
//
// # Timestamps and certificate expiry
//
// Without a timestamp a signature only validates while the signing
// certificate is valid: once the certificate expires, Windows refuses the
// script under AllSigned and it has to be signed again. Setting
// Options.TimestampURL asks an RFC 3161 timestamp authority (over HTTP) for a
// countersignature, stored as the unsigned attribute 1.3.6.1.4.1.311.3.3.1;
// a timestamped signature stays valid after the certificate expires, because
// the chain is then checked at the time the authority vouched for.
//
// # Keys
//
// Keys are loaded from PKCS#12 (.pfx) files, both the AES/PBKDF2 files that
// OpenSSL 3 writes by default and legacy RC2/3DES files, or from PEM. RSA
// keys need at least 2048 bits; ECDSA keys must use P-256 or P-384. The
// certificate must allow code signing (extended key usage codeSigning) and,
// if it has a key usage extension, digitalSignature. Errors never contain
// the private key or the PFX password.
package authenticode
