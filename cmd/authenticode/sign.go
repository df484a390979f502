package authenticode

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	_ "crypto/sha256" // SHA-256 for digests
	_ "crypto/sha512" // SHA-384 and SHA-512 for digests
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Options tune signing. The zero value signs with SHA-256, without a
// timestamp, checking certificate validity at the current time.
type Options struct {
	// Hash is the digest algorithm: 0 means SHA-256; crypto.SHA384 and
	// crypto.SHA512 are allowed. SHA-1 and others are refused.
	Hash crypto.Hash
	// TimestampURL is the URL of an RFC 3161 timestamp authority. Empty (the
	// default) means no timestamp: no network is used and signing is
	// deterministic, but the signature stops validating when the
	// certificate expires.
	TimestampURL string
	// Now returns the time at which certificate validity is checked; nil
	// means time.Now.
	Now func() time.Time
}

// hash returns the digest algorithm to use, refusing weak or unknown ones.
func (o Options) hash() (crypto.Hash, error) {
	return checkHash(o.Hash, crypto.SHA256)
}

// checkHash accepts SHA-256, SHA-384 and SHA-512; 0 gives def.
func checkHash(h, def crypto.Hash) (crypto.Hash, error) {
	if h == 0 {
		return def, nil
	}
	if !supportedHash(h) {
		return 0, fmt.Errorf("%w (got %v)", ErrUnsupportedHash, h)
	}
	return h, nil
}

// supportedHash reports whether h is SHA-256, SHA-384 or SHA-512.
func supportedHash(h crypto.Hash) bool {
	return h == crypto.SHA256 || h == crypto.SHA384 || h == crypto.SHA512
}

// now returns the configured clock reading.
func now(f func() time.Time) time.Time {
	if f == nil {
		return time.Now()
	}
	return f()
}

// Sign returns script with an Authenticode signature block appended,
// replacing an existing block at its end. The script may be UTF-8 (with or
// without BOM; non-ASCII text needs the BOM) or UTF-16LE with BOM; the block
// is written in the script's encoding.
//
// Without a TimestampURL the result is deterministic: the same script and
// the same key always give the same bytes, and re-signing a signed script
// gives the same bytes as signing the unsigned one. Sign refuses expired or
// not yet valid certificates, and scripts whose body contains the line
// "# SIG # Begin signature block".
func (s *Signer) Sign(script []byte, opt Options) ([]byte, error) {
	h, err := s.check(opt)
	if err != nil {
		return nil, err
	}
	enc, err := detectEncoding(script)
	if err != nil {
		return nil, err
	}
	body, err := signableBody(script, enc)
	if err != nil {
		return nil, err
	}
	if err := checkSignableText(body, enc); err != nil {
		return nil, err
	}
	input, err := hashInput(body, enc)
	if err != nil {
		return nil, err
	}
	idc := indirectDataContent(h, digestOf(h, input))
	attrs := authenticatedAttributes(h, idc)
	// A nil random source makes ECDSA use RFC 6979 deterministic nonces;
	// RSA PKCS#1 v1.5 is deterministic anyway.
	sig, err := s.key.Sign(nil, digestOf(h, attrs), h)
	if err != nil {
		return nil, fmt.Errorf("signing failed: %v", err)
	}
	var unsigned []byte
	if opt.TimestampURL != "" {
		token, err := requestTimestamp(opt.TimestampURL, h, sig)
		if err != nil {
			return nil, err
		}
		unsigned = implicitTag(derSetOf(derAttribute(oidRFC3161Timestamp, token)), tagContext1)
	}
	der := s.signedData(h, idc, attrs, sig, unsigned)
	return append(slices.Clone(body), encodeBlock(der, enc)...), nil
}

// Check reports whether Sign would accept opt and the certificates: the hash
// is allowed and the signing certificate and its intermediates are valid at
// opt.Now. It signs nothing and asks no timestamp authority, so a caller can
// check its key before doing any work.
func (s *Signer) Check(opt Options) error {
	_, err := s.check(opt)
	return err
}

// check implements Check and returns the digest algorithm to use.
func (s *Signer) check(opt Options) (crypto.Hash, error) {
	if s == nil || s.key == nil || s.leaf == nil {
		return 0, errors.New("authenticode: Signer not loaded (use LoadPFX or LoadPEM)")
	}
	h, err := opt.hash()
	if err != nil {
		return 0, err
	}
	at := now(opt.Now)
	for _, c := range append([]*x509.Certificate{s.leaf}, s.chain...) {
		if err := checkValidity(c, at); err != nil {
			return 0, err
		}
	}
	return h, nil
}

// checkSignableText refuses empty scripts and non-ASCII UTF-8 without a BOM,
// which Windows PowerShell would read in the ANSI code page.
func checkSignableText(body []byte, enc textEncoding) error {
	bom := []byte{0xEF, 0xBB, 0xBF}
	if enc == encUTF16LE {
		bom = []byte{0xFF, 0xFE}
	}
	if len(bytes.TrimPrefix(body, bom)) == 0 {
		return errors.New("cannot sign an empty script")
	}
	if enc == encUTF8 && !bytes.HasPrefix(body, bom) {
		for _, c := range body {
			if c >= 0x80 {
				return fmt.Errorf("%w: the script has non-ASCII text but no UTF-8 byte-order mark; save it as UTF-8 with BOM", ErrEncoding)
			}
		}
	}
	return nil
}

// signedData assembles the DER ContentInfo holding the Authenticode SignedData.
func (s *Signer) signedData(h crypto.Hash, idc, attrs, sig, unsigned []byte) []byte {
	var sigAlg []byte
	switch s.key.(type) {
	case *rsa.PrivateKey:
		sigAlg = derAlgID(oidRSAEncryption, true)
	case *ecdsa.PrivateKey:
		sigAlg = derAlgID(map[crypto.Hash]asn1.ObjectIdentifier{
			crypto.SHA256: oidECDSAWithSHA256,
			crypto.SHA384: oidECDSAWithSHA384,
			crypto.SHA512: oidECDSAWithSHA512,
		}[h], false)
	}
	digestAlg := derAlgID(hashOID(h), true)
	signerInfo := derSeq(
		derInt(1),
		derSeq(s.leaf.RawIssuer, derBigInt(s.leaf.SerialNumber)),
		digestAlg,
		implicitTag(attrs, tagContext0),
		sigAlg,
		derOctets(sig),
		unsigned,
	)
	certs := [][]byte{s.leaf.Raw}
	for _, c := range s.chain {
		certs = append(certs, c.Raw)
	}
	sd := derSeq(
		derInt(1),
		derSetOf(digestAlg),
		derSeq(derOID(oidSpcIndirectData), derTLV(tagContext0, idc)),
		derTLV(tagContext0, certs...),
		derSetOf(signerInfo),
	)
	return derSeq(derOID(oidSignedData), derTLV(tagContext0, sd))
}
