package authenticode

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Signer holds a code-signing key and its certificate chain (the leaf and
// its intermediates; a self-signed root is left out). Create one with
// LoadPFX or LoadPEM; a Signer is immutable and safe for concurrent use.
type Signer struct {
	key   crypto.Signer
	leaf  *x509.Certificate
	chain []*x509.Certificate // intermediates, from the leaf's issuer towards the root
}

// LoadPFX reads a PKCS#12 (.pfx/.p12) file: both the AES-256/PBKDF2 files
// that OpenSSL 3 writes by default and legacy RC2/3DES files. The leaf is the
// certificate that matches the private key; the other certificates, except a
// self-signed root, are kept as intermediates. A wrong password gives
// ErrWrongPassword; the password never appears in an error.
func LoadPFX(pfx []byte, password string) (*Signer, error) {
	key, cert, cas, err := pkcs12.DecodeChain(pfx, password)
	if err != nil {
		var ni pkcs12.NotImplementedError
		if errors.As(err, &ni) {
			return nil, fmt.Errorf("%w (%v)", ErrWrongPassword, ni)
		}
		return nil, ErrWrongPassword
	}
	return newSigner(key, append([]*x509.Certificate{cert}, cas...))
}

// ParsePEMCertificates returns the certificates of the CERTIFICATE blocks
// in data, in order, skipping blocks of other kinds.
func ParsePEMCertificates(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			return certs, nil
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("cannot parse certificate %d in the PEM data: %v", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
}

// LoadPEM reads a PEM certificate, optionally followed by intermediates (a
// bundle), and a PEM private key in PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA
// PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form. Encrypted keys are refused
// with ErrEncryptedKey. Blocks of the other kind are skipped, so one file
// holding both the certificates and the key may be passed twice.
func LoadPEM(certPEM, keyPEM []byte) (*Signer, error) {
	certs, err := ParsePEMCertificates(certPEM)
	if err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, fmt.Errorf("%w in the certificate PEM data", ErrNoCertificate)
	}
	key, err := parsePEMKey(keyPEM)
	if err != nil {
		return nil, err
	}
	return newSigner(key, certs)
}

// parsePEMKey returns the first private key in PEM data.
func parsePEMKey(data []byte) (any, error) {
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		if strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED") || b.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, ErrEncryptedKey
		}
		var (
			key any
			err error
		)
		switch b.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(b.Bytes)
		default:
			continue // certificates, EC PARAMETERS, ...
		}
		if err != nil {
			// Parser errors describe the format only, never key material.
			return nil, fmt.Errorf("cannot parse the %s PEM block: %v", b.Type, err)
		}
		return key, nil
	}
	return nil, fmt.Errorf("%w in the key PEM data (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)", ErrNoKey)
}

// newSigner checks the key, finds its certificate among certs and applies
// the signer policy (checkSignerPolicy) to it and the chain it embeds.
func newSigner(key any, certs []*x509.Certificate) (*Signer, error) {
	signer, err := checkKey(key)
	if err != nil {
		return nil, err
	}
	type publicKey interface{ Equal(crypto.PublicKey) bool }
	pub, ok := signer.Public().(publicKey)
	if !ok {
		return nil, fmt.Errorf("%w: unsupported key type", ErrWeakKey)
	}
	i := slices.IndexFunc(certs, func(c *x509.Certificate) bool { return pub.Equal(c.PublicKey) })
	if i < 0 {
		return nil, fmt.Errorf("%w (certificate subject: %s)", ErrKeyMismatch, certs[0].Subject)
	}
	leaf := certs[i]
	var others []*x509.Certificate
	for j, c := range certs {
		if j != i && !c.Equal(leaf) && !isSelfSigned(c) && !slices.ContainsFunc(others, c.Equal) {
			others = append(others, c)
		}
	}
	chain := orderChain(leaf, others)
	if err := checkSignerPolicy(leaf, chain); err != nil {
		return nil, err
	}
	return &Signer{key: signer, leaf: leaf, chain: chain}, nil
}

// checkKey accepts RSA keys of at least 2048 bits and ECDSA keys on P-256 or P-384.
func checkKey(key any) (crypto.Signer, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if bits := k.N.BitLen(); bits < 2048 {
			return nil, fmt.Errorf("%w: RSA key has %d bits, at least 2048 are required", ErrWeakKey, bits)
		}
		return k, nil
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return nil, fmt.Errorf("%w: ECDSA curve %s is not supported, use P-256 or P-384", ErrWeakKey, k.Curve.Params().Name)
		}
		return k, nil
	}
	return nil, fmt.Errorf("%w: unsupported private key type %T (use RSA or ECDSA)", ErrWeakKey, key)
}

// checkCodeSigning requires EKU codeSigning and, if key usage is present, digitalSignature.
func checkCodeSigning(c *x509.Certificate) error {
	if !slices.Contains(c.ExtKeyUsage, x509.ExtKeyUsageCodeSigning) {
		return fmt.Errorf("%w: %s has no Code Signing extended key usage", ErrNotCodeSigning, c.Subject)
	}
	if c.KeyUsage != 0 && c.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		return fmt.Errorf("%w: the key usage of %s does not include digitalSignature", ErrNotCodeSigning, c.Subject)
	}
	return nil
}

// checkValidity reports whether c is valid at now.
func checkValidity(c *x509.Certificate, now time.Time) error {
	const day = "2006-01-02 15:04:05 MST"
	if now.After(c.NotAfter) {
		return fmt.Errorf("%w: %s was valid until %s", ErrExpired, c.Subject, c.NotAfter.UTC().Format(day))
	}
	if now.Before(c.NotBefore) {
		return fmt.Errorf("%w: %s is valid only from %s", ErrNotYetValid, c.Subject, c.NotBefore.UTC().Format(day))
	}
	return nil
}

// isSelfSigned reports whether c is signed by its own key.
func isSelfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) && c.CheckSignatureFrom(c) == nil
}

// orderChain puts certs in issuing order starting from leaf's issuer; certs
// that are not on that path follow in their original order.
func orderChain(leaf *x509.Certificate, certs []*x509.Certificate) []*x509.Certificate {
	rest := slices.Clone(certs)
	var out []*x509.Certificate
	for cur := leaf; ; {
		i := slices.IndexFunc(rest, func(c *x509.Certificate) bool {
			return bytes.Equal(c.RawSubject, cur.RawIssuer) && cur.CheckSignatureFrom(c) == nil
		})
		if i < 0 {
			break
		}
		cur = rest[i]
		out = append(out, cur)
		rest = slices.Delete(rest, i, i+1)
	}
	return append(out, rest...)
}

// Certificate returns the signing (leaf) certificate, for messages such as
// its subject and thumbprint.
func (s *Signer) Certificate() *x509.Certificate { return s.leaf }

// Chain returns the intermediate certificates that Sign embeds after the
// leaf (a self-signed root is never included).
func (s *Signer) Chain() []*x509.Certificate { return slices.Clone(s.chain) }
