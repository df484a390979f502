package authenticode

import (
	"bytes"
	"crypto"
	"encoding/asn1"
	"errors"
	"math/big"
	"slices"
)

// Object identifiers used by Authenticode, PKCS#7/CMS and RFC 3161.
var (
	oidSignedData               = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime              = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidTSTInfo                  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
	oidSigningCertificateV2     = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSpcIndirectData          = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 2, 1, 4}
	oidSpcStatementType         = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 2, 1, 11}
	oidSpcSpOpusInfo            = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 2, 1, 12}
	oidSpcIndividualCodeSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 2, 1, 21}
	oidSpcSipInfo               = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 2, 1, 30}
	oidRFC3161Timestamp         = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 3, 3, 1}
	oidRSAEncryption            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidRSAPSS                   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidECDSAWithSHA256          = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	oidECDSAWithSHA384          = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 3}
	oidECDSAWithSHA512          = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 4}
	oidSHA1                     = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidSHA256                   = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA384                   = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}
	oidSHA512                   = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}
)

// powerShellSIP is the PowerShell SIP GUID {603BCC1F-4B59-4E08-B724-D2C6297EF351}
// in Windows (mixed-endian) byte order.
var powerShellSIP = []byte{0x1F, 0xCC, 0x3B, 0x60, 0x59, 0x4B, 0x08, 0x4E,
	0xB7, 0x24, 0xD2, 0xC6, 0x29, 0x7E, 0xF3, 0x51}

// DER tags used when building and reading structures by hand.
const (
	tagBoolean     = 0x01
	tagInteger     = 0x02
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagSequence    = 0x30
	tagSet         = 0x31
	tagContext0    = 0xA0 // [0] constructed
	tagContext1    = 0xA1 // [1] constructed
)

// hashOID returns the digest algorithm identifier for h.
func hashOID(h crypto.Hash) asn1.ObjectIdentifier {
	switch h {
	case crypto.SHA256:
		return oidSHA256
	case crypto.SHA384:
		return oidSHA384
	case crypto.SHA512:
		return oidSHA512
	case crypto.SHA1:
		return oidSHA1
	}
	return nil
}

// hashFromOID maps a digest algorithm identifier back to a crypto.Hash (0 if unknown).
func hashFromOID(oid asn1.ObjectIdentifier) crypto.Hash {
	for _, h := range []crypto.Hash{crypto.SHA256, crypto.SHA384, crypto.SHA512, crypto.SHA1} {
		if oid.Equal(hashOID(h)) {
			return h
		}
	}
	return 0
}

// derTLV encodes one DER element from its tag and the concatenated parts.
func derTLV(tag byte, parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]byte, 0, n+6)
	out = append(out, tag)
	if n < 0x80 {
		out = append(out, byte(n))
	} else {
		var l []byte
		for x := n; x > 0; x >>= 8 {
			l = append([]byte{byte(x)}, l...)
		}
		out = append(out, 0x80|byte(len(l)))
		out = append(out, l...)
	}
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func derSeq(parts ...[]byte) []byte { return derTLV(tagSequence, parts...) }

// derSetOf encodes a DER SET OF, sorting the encoded elements bytewise.
func derSetOf(elems ...[]byte) []byte {
	sorted := slices.Clone(elems)
	slices.SortFunc(sorted, bytes.Compare)
	return derTLV(tagSet, sorted...)
}

func derOctets(b []byte) []byte { return derTLV(tagOctetString, b) }

func derOID(oid asn1.ObjectIdentifier) []byte { return mustMarshal(oid) }

func derInt(v int64) []byte { return mustMarshal(v) }

func derBigInt(v *big.Int) []byte { return mustMarshal(v) }

// derAlgID encodes an AlgorithmIdentifier, with NULL parameters if withNull.
func derAlgID(oid asn1.ObjectIdentifier, withNull bool) []byte {
	if withNull {
		return derSeq(derOID(oid), []byte{tagNull, 0})
	}
	return derSeq(derOID(oid))
}

// derAttribute encodes an Attribute { type, SET OF value }.
func derAttribute(oid asn1.ObjectIdentifier, values ...[]byte) []byte {
	return derSeq(derOID(oid), derSetOf(values...))
}

func mustMarshal(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic("authenticode: cannot encode ASN.1 value: " + err.Error())
	}
	return b
}

// derElem is one parsed DER element.
type derElem struct {
	tag     byte
	content []byte // content octets
	full    []byte // tag, length and content
}

var errDER = errors.New("malformed DER")

// readElem reads one DER element (definite lengths, single-byte tags) from b
// and returns it with the remaining bytes.
func readElem(b []byte) (derElem, []byte, error) {
	if len(b) < 2 || b[0]&0x1F == 0x1F {
		return derElem{}, nil, errDER
	}
	tag, l := b[0], int(b[1])
	hdr := 2
	if l&0x80 != 0 {
		n := l & 0x7F
		if n == 0 || n > 4 || len(b) < 2+n {
			return derElem{}, nil, errDER
		}
		l = 0
		for _, c := range b[2 : 2+n] {
			l = l<<8 | int(c)
		}
		hdr += n
	}
	if l < 0 || len(b)-hdr < l {
		return derElem{}, nil, errDER
	}
	return derElem{tag: tag, content: b[hdr : hdr+l], full: b[:hdr+l]}, b[hdr+l:], nil
}

// readChildren splits the content of a constructed element into its elements.
func readChildren(content []byte) ([]derElem, error) {
	var out []derElem
	for len(content) > 0 {
		e, rest, err := readElem(content)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		content = rest
	}
	return out, nil
}

// expect reads one element with the given tag, returning its children when
// the element is constructed.
func expect(e derElem, tag byte) ([]derElem, error) {
	if e.tag != tag {
		return nil, errDER
	}
	if tag&0x20 == 0 {
		return nil, nil
	}
	return readChildren(e.content)
}

// parseOID decodes an OBJECT IDENTIFIER element.
func parseOID(e derElem) (asn1.ObjectIdentifier, error) {
	var oid asn1.ObjectIdentifier
	if e.tag != tagOID {
		return nil, errDER
	}
	if _, err := asn1.Unmarshal(e.full, &oid); err != nil {
		return nil, errDER
	}
	return oid, nil
}

// parseAlgID returns the OID of an AlgorithmIdentifier element.
func parseAlgID(e derElem) (asn1.ObjectIdentifier, error) {
	kids, err := expect(e, tagSequence)
	if err != nil || len(kids) < 1 {
		return nil, errDER
	}
	return parseOID(kids[0])
}

// attribute is one parsed PKCS#7 attribute.
type attribute struct {
	oid    asn1.ObjectIdentifier
	values []derElem
}

// parseAttributes parses the content of a SET OF Attribute.
func parseAttributes(content []byte) ([]attribute, error) {
	elems, err := readChildren(content)
	if err != nil {
		return nil, err
	}
	attrs := make([]attribute, 0, len(elems))
	for _, e := range elems {
		kids, err := expect(e, tagSequence)
		if err != nil || len(kids) != 2 {
			return nil, errDER
		}
		oid, err := parseOID(kids[0])
		if err != nil {
			return nil, err
		}
		vals, err := expect(kids[1], tagSet)
		if err != nil {
			return nil, err
		}
		attrs = append(attrs, attribute{oid: oid, values: vals})
	}
	return attrs, nil
}

// findAttribute returns the single value of the attribute oid, if present.
func findAttribute(attrs []attribute, oid asn1.ObjectIdentifier) (derElem, bool) {
	for _, a := range attrs {
		if a.oid.Equal(oid) && len(a.values) == 1 {
			return a.values[0], true
		}
	}
	return derElem{}, false
}
