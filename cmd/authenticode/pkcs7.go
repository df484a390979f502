package authenticode

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// indirectDataContent encodes SpcIndirectDataContent for a PowerShell script
// digest: SpcSipInfo with the PowerShell SIP GUID, and the DigestInfo.
func indirectDataContent(h crypto.Hash, digest []byte) []byte {
	sip := derSeq(derInt(65536), derOctets(powerShellSIP),
		derInt(0), derInt(0), derInt(0), derInt(0), derInt(0))
	return derSeq(
		derSeq(derOID(oidSpcSipInfo), sip),
		derSeq(derAlgID(hashOID(h), true), derOctets(digest)),
	)
}

// authenticatedAttributes encodes the signed attributes as a DER SET (tag
// 0x31, the form that is signed). The messageDigest covers the content octets
// of SpcIndirectDataContent, without its outer tag and length (the
// Authenticode quirk). No signingTime is added, so the result is deterministic.
func authenticatedAttributes(h crypto.Hash, idc []byte) []byte {
	e, _, err := readElem(idc)
	if err != nil {
		panic("authenticode: bad SpcIndirectDataContent encoding")
	}
	return derSetOf(
		derAttribute(oidContentType, derOID(oidSpcIndirectData)),
		derAttribute(oidSpcSpOpusInfo, derSeq()),
		derAttribute(oidSpcStatementType, derSeq(derOID(oidSpcIndividualCodeSigning))),
		derAttribute(oidMessageDigest, derOctets(digestOf(h, e.content))),
	)
}

// digestOf hashes data with h.
func digestOf(h crypto.Hash, data []byte) []byte {
	w := h.New()
	w.Write(data)
	return w.Sum(nil)
}

// implicitTag returns an encoded SET with its tag replaced, e.g. by the [0]
// IMPLICIT tag that a SignerInfo stores, or back to SET for checking.
func implicitTag(set []byte, tag byte) []byte {
	out := slices.Clone(set)
	out[0] = tag
	return out
}

// parsedSignedData is the part of a PKCS#7 SignedData that this package uses.
type parsedSignedData struct {
	contentType asn1.ObjectIdentifier
	content     derElem // the element inside eContent's [0] EXPLICIT
	certs       []*x509.Certificate
	signer      parsedSignerInfo
}

// parsedSignerInfo is a parsed SignerInfo.
type parsedSignerInfo struct {
	issuer      []byte   // raw issuer Name, with serial (issuerAndSerialNumber), or nil
	serial      *big.Int // serial number for issuer
	ski         []byte   // subjectKeyIdentifier, if used instead
	hash        crypto.Hash
	hashOID     asn1.ObjectIdentifier
	signedAttrs []byte // the [0] IMPLICIT element as encoded
	attrs       []attribute
	sigAlg      asn1.ObjectIdentifier
	signature   []byte
	unsigned    []attribute
}

// parseSignedData parses a ContentInfo holding a SignedData with exactly one SignerInfo.
func parseSignedData(der []byte) (*parsedSignedData, error) {
	ci, rest, err := readElem(der)
	if err != nil || len(bytes.Trim(rest, "\x00")) != 0 {
		return nil, errDER
	}
	kids, err := expect(ci, tagSequence)
	if err != nil || len(kids) != 2 {
		return nil, errDER
	}
	if oid, err := parseOID(kids[0]); err != nil || !oid.Equal(oidSignedData) {
		return nil, errors.New("not a PKCS#7 SignedData")
	}
	wrap, err := expect(kids[1], tagContext0)
	if err != nil || len(wrap) != 1 {
		return nil, errDER
	}
	sd, err := expect(wrap[0], tagSequence)
	if err != nil || len(sd) < 4 {
		return nil, errDER
	}
	var p parsedSignedData
	// sd[0] version, sd[1] digestAlgorithms, sd[2] encapsulated content.
	enc, err := expect(sd[2], tagSequence)
	if err != nil || len(enc) != 2 {
		return nil, errDER
	}
	if p.contentType, err = parseOID(enc[0]); err != nil {
		return nil, err
	}
	inner, err := expect(enc[1], tagContext0)
	if err != nil || len(inner) != 1 {
		return nil, errDER
	}
	p.content = inner[0]
	rest2 := sd[3:]
	if rest2[0].tag == tagContext0 {
		if p.certs, err = x509.ParseCertificates(rest2[0].content); err != nil {
			return nil, fmt.Errorf("bad certificate: %v", err)
		}
		rest2 = rest2[1:]
	}
	if len(rest2) > 0 && rest2[0].tag == tagContext1 { // CRLs, unused
		rest2 = rest2[1:]
	}
	if len(rest2) != 1 {
		return nil, errDER
	}
	infos, err := expect(rest2[0], tagSet)
	if err != nil {
		return nil, err
	}
	if len(infos) != 1 {
		return nil, fmt.Errorf("%d signer infos, want exactly 1", len(infos))
	}
	if p.signer, err = parseSignerInfo(infos[0]); err != nil {
		return nil, err
	}
	return &p, nil
}

// parseSignerInfo parses one SignerInfo.
func parseSignerInfo(e derElem) (parsedSignerInfo, error) {
	var si parsedSignerInfo
	kids, err := expect(e, tagSequence)
	if err != nil || len(kids) < 5 {
		return si, errDER
	}
	switch sid := kids[1]; sid.tag {
	case tagSequence: // issuerAndSerialNumber
		parts, err := expect(sid, tagSequence)
		if err != nil || len(parts) != 2 {
			return si, errDER
		}
		si.issuer = parts[0].full
		if _, err := asn1.Unmarshal(parts[1].full, &si.serial); err != nil {
			return si, errDER
		}
	case 0x80: // [0] IMPLICIT SubjectKeyIdentifier
		si.ski = sid.content
	default:
		return si, errDER
	}
	if si.hashOID, err = parseAlgID(kids[2]); err != nil {
		return si, err
	}
	si.hash = hashFromOID(si.hashOID)
	i := 3
	if kids[i].tag == tagContext0 {
		si.signedAttrs = kids[i].full
		if si.attrs, err = parseAttributes(kids[i].content); err != nil {
			return si, err
		}
		i++
	}
	if len(kids) < i+2 {
		return si, errDER
	}
	if si.sigAlg, err = parseAlgID(kids[i]); err != nil {
		return si, err
	}
	if kids[i+1].tag != tagOctetString {
		return si, errDER
	}
	si.signature = kids[i+1].content
	if len(kids) > i+2 {
		if kids[i+2].tag != tagContext1 {
			return si, errDER
		}
		if si.unsigned, err = parseAttributes(kids[i+2].content); err != nil {
			return si, err
		}
	}
	return si, nil
}

// signerCert finds the certificate that si names.
func signerCert(si *parsedSignerInfo, certs []*x509.Certificate) (*x509.Certificate, error) {
	for _, c := range certs {
		if si.issuer != nil && bytes.Equal(c.RawIssuer, si.issuer) && c.SerialNumber.Cmp(si.serial) == 0 {
			return c, nil
		}
		if si.ski != nil && bytes.Equal(c.SubjectKeyId, si.ski) {
			return c, nil
		}
	}
	return nil, errors.New("the signer's certificate is not in the signature")
}

// checkSignerInfo verifies that the signed attributes name contentType and
// carry the digest of content, and that the signature over them is valid.
func checkSignerInfo(si *parsedSignerInfo, cert *x509.Certificate, contentType asn1.ObjectIdentifier, content []byte) error {
	if si.signedAttrs == nil {
		return errors.New("the signer info has no authenticated attributes")
	}
	ct, ok := findAttribute(si.attrs, oidContentType)
	if oid, err := parseOID(ct); !ok || err != nil || !oid.Equal(contentType) {
		return errors.New("the contentType attribute is missing or wrong")
	}
	md, ok := findAttribute(si.attrs, oidMessageDigest)
	if !ok || md.tag != tagOctetString || !bytes.Equal(md.content, digestOf(si.hash, content)) {
		return errors.New("the messageDigest attribute does not match the signed content")
	}
	if si.sigAlg.Equal(oidRSAPSS) {
		return errors.New("RSA-PSS signatures are not supported")
	}
	alg, err := x509SignatureAlgorithm(cert, si.hash)
	if err != nil {
		return err
	}
	if err := cert.CheckSignature(alg, implicitTag(si.signedAttrs, tagSet), si.signature); err != nil {
		return ErrBadSignature
	}
	return nil
}

// x509SignatureAlgorithm maps a certificate's key type and a hash to the
// signature algorithm that x509.Certificate.CheckSignature understands.
func x509SignatureAlgorithm(cert *x509.Certificate, h crypto.Hash) (x509.SignatureAlgorithm, error) {
	type key struct {
		pk x509.PublicKeyAlgorithm
		h  crypto.Hash
	}
	algs := map[key]x509.SignatureAlgorithm{
		{x509.RSA, crypto.SHA256}:   x509.SHA256WithRSA,
		{x509.RSA, crypto.SHA384}:   x509.SHA384WithRSA,
		{x509.RSA, crypto.SHA512}:   x509.SHA512WithRSA,
		{x509.ECDSA, crypto.SHA256}: x509.ECDSAWithSHA256,
		{x509.ECDSA, crypto.SHA384}: x509.ECDSAWithSHA384,
		{x509.ECDSA, crypto.SHA512}: x509.ECDSAWithSHA512,
	}
	if alg, ok := algs[key{cert.PublicKeyAlgorithm, h}]; ok {
		return alg, nil
	}
	if h == 0 || h == crypto.SHA1 {
		return 0, ErrUnsupportedHash
	}
	return 0, fmt.Errorf("unsupported signature algorithm (%v key)", cert.PublicKeyAlgorithm)
}
