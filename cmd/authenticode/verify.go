package authenticode

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"time"
)

// VerifyOptions tune verification.
type VerifyOptions struct {
	// Roots are the trusted root certificates. Nil means only the integrity
	// of the script and the signature math are checked, and the chain is
	// reported as untrusted (Result.Trusted is false).
	Roots *x509.CertPool
	// Now returns the time at which certificates must be valid when the
	// signature has no timestamp; nil means time.Now.
	Now func() time.Time
}

// Result describes a verified signature.
type Result struct {
	// Signer is the signing (leaf) certificate.
	Signer *x509.Certificate
	// Hash is the digest algorithm of the script digest.
	Hash crypto.Hash
	// Timestamped reports whether a valid RFC 3161 timestamp is attached.
	Timestamped bool
	// TimestampTime is the time the timestamp authority vouched for (zero if
	// not timestamped).
	TimestampTime time.Time
	// Chain is the verified chain from the signer to a root when Roots were
	// given; otherwise the certificates embedded in the signature, signer first.
	Chain []*x509.Certificate
	// Trusted reports whether the chain was verified against Roots.
	Trusted bool
}

// Verify checks a signed script: the block is well formed, the content
// digest matches the body, the signature is valid, the signer passes the
// signer policy (an end-entity certificate with the codeSigning extended key
// usage, a strong key, no MD5 or SHA-1 certificate signature on its path to
// the root) and is valid at the timestamp (or at Now),
// and, with Roots, the chain verifies for x509.ExtKeyUsageCodeSigning.
// Errors wrap the sentinels of this package, for example ErrNoSignature,
// ErrDigestMismatch ("script was changed after signing (digest mismatch)"),
// ErrBadSignature or ErrUntrusted.
func Verify(script []byte, opt VerifyOptions) (*Result, error) {
	enc, err := detectEncoding(script)
	if err != nil {
		return nil, err
	}
	loc, ok := findBlock(script, enc)
	if !ok {
		return nil, ErrNoSignature
	}
	der, err := decodeBlock(script[loc.start:], enc)
	if err != nil {
		return nil, err
	}
	p, err := parseSignedData(der)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if !p.contentType.Equal(oidSpcIndirectData) {
		return nil, fmt.Errorf("%w: the signed content is not SpcIndirectDataContent", ErrMalformed)
	}
	h, digest, err := parseIndirectData(p.content)
	if err != nil {
		return nil, err
	}
	input, err := hashInput(script[:loc.bodyEnd], enc)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(digestOf(h, input), digest) {
		return nil, ErrDigestMismatch
	}
	si := &p.signer
	if !supportedHash(si.hash) {
		return nil, fmt.Errorf("%w (signer digest algorithm %v)", ErrUnsupportedHash, si.hashOID)
	}
	cert, err := signerCert(si, p.certs)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := checkSignerInfo(si, cert, oidSpcIndirectData, p.content.content); err != nil {
		if errors.Is(err, ErrBadSignature) || errors.Is(err, ErrUnsupportedHash) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if err := checkSignerPolicy(cert, issuerPath(cert, p.certs)); err != nil {
		return nil, err
	}
	res := &Result{Signer: cert, Hash: h}
	at := now(opt.Now)
	if token, ok := findAttribute(si.unsigned, oidRFC3161Timestamp); ok {
		ts, err := verifyTimestamp(token.full, si.signature, p.certs, opt.Roots)
		if err != nil {
			return nil, err
		}
		res.Timestamped, res.TimestampTime, at = true, ts, ts
	}
	if err := checkValidity(cert, at); err != nil {
		if !res.Timestamped {
			return nil, fmt.Errorf("%w (the signature has no timestamp, so the certificate must be valid now)", err)
		}
		return nil, fmt.Errorf("%w (at the timestamp, %s)", err, at.UTC().Format(time.RFC3339))
	}
	if opt.Roots == nil {
		res.Chain = append([]*x509.Certificate{cert}, orderChain(cert, without(p.certs, cert))...)
		return res, nil
	}
	chains, err := cert.Verify(x509.VerifyOptions{
		Roots:         opt.Roots,
		Intermediates: poolOf(p.certs),
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning},
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUntrusted, err)
	}
	res.Chain, res.Trusted = chains[0], true
	return res, nil
}

// parseIndirectData checks SpcIndirectDataContent for the PowerShell SIP and
// returns its digest algorithm and digest.
func parseIndirectData(e derElem) (crypto.Hash, []byte, error) {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrMalformed, what) }
	kids, err := expect(e, tagSequence)
	if err != nil || len(kids) != 2 {
		return 0, nil, bad("bad SpcIndirectDataContent")
	}
	data, err := expect(kids[0], tagSequence)
	if err != nil || len(data) != 2 {
		return 0, nil, bad("bad SpcAttributeTypeAndOptionalValue")
	}
	if oid, err := parseOID(data[0]); err != nil || !oid.Equal(oidSpcSipInfo) {
		return 0, nil, bad("the signature is not for a script (no SpcSipInfo)")
	}
	sip, err := expect(data[1], tagSequence)
	if err != nil || len(sip) < 2 || sip[1].tag != tagOctetString || !bytes.Equal(sip[1].content, powerShellSIP) {
		return 0, nil, bad("the signature is not for a PowerShell script (wrong SIP GUID)")
	}
	di, err := expect(kids[1], tagSequence)
	if err != nil || len(di) != 2 || di[1].tag != tagOctetString {
		return 0, nil, bad("bad DigestInfo")
	}
	oid, err := parseAlgID(di[0])
	if err != nil {
		return 0, nil, bad("bad digest algorithm")
	}
	h := hashFromOID(oid)
	if !supportedHash(h) {
		return 0, nil, fmt.Errorf("%w (script digest algorithm %v)", ErrUnsupportedHash, oid)
	}
	if len(di[1].content) != h.Size() {
		return 0, nil, bad("digest has the wrong length")
	}
	return h, di[1].content, nil
}

// without returns certs without c.
func without(certs []*x509.Certificate, c *x509.Certificate) []*x509.Certificate {
	var out []*x509.Certificate
	for _, x := range certs {
		if !x.Equal(c) {
			out = append(out, x)
		}
	}
	return out
}

// poolOf puts certs in a new pool.
func poolOf(certs []*x509.Certificate) *x509.CertPool {
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool
}
