package authenticode

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"slices"
)

// checkSignerPolicy applies hybridc's signer policy to a signing
// certificate and the intermediates embedded after it (a self-signed root
// is never embedded, so its self-signature is not judged). Each rule has its
// own error:
//
//   - an end-entity certificate: no basic constraints, or CA:FALSE
//     (ErrCACertificate);
//   - the Code Signing extended key usage, and digitalSignature if a key
//     usage is present (ErrNotCodeSigning);
//   - an RSA key of at least 2048 bits or an ECDSA key on P-256 or P-384
//     (ErrWeakKey);
//   - no certificate signed with MD2, MD5 or SHA-1, or with an algorithm Go
//     does not know (ErrWeakCertSignature).
//
// Validity in time is checked apart (checkValidity), at signing time or at
// the timestamp.
func checkSignerPolicy(leaf *x509.Certificate, chain []*x509.Certificate) error {
	if leaf.BasicConstraintsValid && leaf.IsCA {
		return fmt.Errorf("%w: %s has basic constraints CA:TRUE; sign with an end-entity certificate (CA:FALSE) issued for code signing", ErrCACertificate, leaf.Subject)
	}
	if err := checkCodeSigning(leaf); err != nil {
		return err
	}
	if err := checkPublicKey(leaf); err != nil {
		return err
	}
	for _, c := range append([]*x509.Certificate{leaf}, chain...) {
		if weakSignature(c.SignatureAlgorithm) {
			return fmt.Errorf("%w: %s is signed with %v; Windows and 'hybridc verify --ca' refuse MD5 and SHA-1 certificate signatures: have it reissued with SHA-256",
				ErrWeakCertSignature, c.Subject, c.SignatureAlgorithm)
		}
	}
	return nil
}

// checkPublicKey accepts a certificate's RSA key of at least 2048 bits or
// ECDSA key on P-256 or P-384, as checkKey does for the private key.
func checkPublicKey(c *x509.Certificate) error {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < 2048 {
			return fmt.Errorf("%w: RSA key has %d bits, at least 2048 are required (%s)", ErrWeakKey, bits, c.Subject)
		}
		return nil
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() && k.Curve != elliptic.P384() {
			return fmt.Errorf("%w: ECDSA curve %s is not supported, use P-256 or P-384 (%s)", ErrWeakKey, k.Curve.Params().Name, c.Subject)
		}
		return nil
	}
	return fmt.Errorf("%w: %s has a %v key (use RSA or ECDSA)", ErrWeakKey, c.Subject, c.PublicKeyAlgorithm)
}

// weakSignature reports whether a certificate signature algorithm is broken
// (MD2, MD5, SHA-1) or unknown.
func weakSignature(alg x509.SignatureAlgorithm) bool {
	return slices.Contains([]x509.SignatureAlgorithm{
		x509.UnknownSignatureAlgorithm, x509.MD2WithRSA, x509.MD5WithRSA,
		x509.SHA1WithRSA, x509.DSAWithSHA1, x509.ECDSAWithSHA1,
	}, alg)
}

// issuerPath returns the certificates of certs that lead from leaf towards
// its root, in issuing order, leaving out a self-signed root and any
// certificate not on that path.
func issuerPath(leaf *x509.Certificate, certs []*x509.Certificate) []*x509.Certificate {
	var path []*x509.Certificate
	for cur := leaf; len(path) < len(certs); {
		i := slices.IndexFunc(certs, func(c *x509.Certificate) bool {
			return !c.Equal(cur) && bytes.Equal(c.RawSubject, cur.RawIssuer) && cur.CheckSignatureFrom(c) == nil
		})
		if i < 0 || isSelfSigned(certs[i]) || slices.ContainsFunc(path, certs[i].Equal) {
			break
		}
		cur = certs[i]
		path = append(path, cur)
	}
	return path
}
