package authenticode

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// timestampTimeout bounds one request to a timestamp authority.
const timestampTimeout = 30 * time.Second

// requestTimestamp asks the RFC 3161 authority at tsaURL to timestamp the
// signature value sig and returns the TimeStampToken (a DER ContentInfo).
func requestTimestamp(tsaURL string, h crypto.Hash, sig []byte) ([]byte, error) {
	shown := tsaURL
	if u, err := url.Parse(tsaURL); err == nil {
		shown = u.Redacted()
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrTimestamp, shown, fmt.Sprintf(format, args...))
	}
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 63))
	if err != nil {
		return nil, fail("no random nonce: %v", err)
	}
	imprint := digestOf(h, sig)
	req, err := http.NewRequest(http.MethodPost, tsaURL, bytes.NewReader(timestampRequest(h, imprint, nonce)))
	if err != nil {
		return nil, fail("bad URL")
	}
	req.Header.Set("Content-Type", "application/timestamp-query")
	req.Header.Set("Accept", "application/timestamp-reply")
	resp, err := (&http.Client{Timeout: timestampTimeout}).Do(req)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err // the URL is already shown, redacted
		}
		return nil, fail("%v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fail("reading the reply: %v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fail("HTTP status %s", resp.Status)
	}
	token, err := parseTimestampResponse(body)
	if err != nil {
		return nil, fail("%v", err)
	}
	info, _, _, err := checkTimestampToken(token, sig)
	if err != nil {
		return nil, fail("%v", err)
	}
	if info.nonce == nil || info.nonce.Cmp(nonce) != 0 {
		return nil, fail("the reply does not carry the request's nonce")
	}
	return token, nil
}

// timestampRequest encodes a TimeStampReq (version 1, certReq true).
func timestampRequest(h crypto.Hash, imprint []byte, nonce *big.Int) []byte {
	return derSeq(
		derInt(1),
		derSeq(derAlgID(hashOID(h), true), derOctets(imprint)),
		derBigInt(nonce),
		[]byte{tagBoolean, 1, 0xFF},
	)
}

// parseTimestampResponse checks a TimeStampResp's status and returns its token.
func parseTimestampResponse(resp []byte) ([]byte, error) {
	e, _, err := readElem(resp)
	if err != nil {
		return nil, errors.New("the reply is not a TimeStampResp")
	}
	kids, err := expect(e, tagSequence)
	if err != nil || len(kids) < 1 {
		return nil, errors.New("the reply is not a TimeStampResp")
	}
	st, err := expect(kids[0], tagSequence)
	if err != nil || len(st) < 1 {
		return nil, errors.New("the reply has no valid status")
	}
	var status int
	if _, err := asn1.Unmarshal(st[0].full, &status); err != nil {
		return nil, errors.New("the reply has no valid status")
	}
	if status != 0 && status != 1 { // granted, grantedWithMods
		text := ""
		if len(st) > 1 && st[1].tag == tagSequence {
			var texts []string
			if _, err := asn1.Unmarshal(st[1].full, &texts); err == nil && len(texts) > 0 {
				text = ": " + fmt.Sprint(texts)
			}
		}
		return nil, fmt.Errorf("the authority refused the request (status %d%s)", status, text)
	}
	if len(kids) < 2 {
		return nil, errors.New("the reply has no timestamp token")
	}
	return kids[1].full, nil
}

// tstInfo is the part of an RFC 3161 TSTInfo this package uses.
type tstInfo struct {
	hash    crypto.Hash
	imprint []byte
	genTime time.Time
	nonce   *big.Int
}

// parseTSTInfo decodes a DER TSTInfo.
func parseTSTInfo(der []byte) (*tstInfo, error) {
	e, _, err := readElem(der)
	if err != nil {
		return nil, err
	}
	kids, err := expect(e, tagSequence)
	if err != nil || len(kids) < 5 {
		return nil, errDER
	}
	mi, err := expect(kids[2], tagSequence)
	if err != nil || len(mi) != 2 || mi[1].tag != tagOctetString {
		return nil, errDER
	}
	alg, err := parseAlgID(mi[0])
	if err != nil {
		return nil, err
	}
	info := &tstInfo{hash: hashFromOID(alg), imprint: mi[1].content}
	if _, err := asn1.UnmarshalWithParams(kids[4].full, &info.genTime, "generalized"); err != nil {
		return nil, errDER
	}
	for _, k := range kids[5:] {
		if k.tag == tagInteger {
			if _, err := asn1.Unmarshal(k.full, &info.nonce); err != nil {
				return nil, errDER
			}
		}
	}
	return info, nil
}

// checkTimestampToken verifies a TimeStampToken: its TSTInfo timestamps
// signature (the imprint is the hash of the signature value), its signature
// is valid, and its signer has the timeStamping extended key usage. It
// returns the TSTInfo, the authority's certificate and the token's certificates.
func checkTimestampToken(token, signature []byte) (*tstInfo, *x509.Certificate, []*x509.Certificate, error) {
	p, err := parseSignedData(token)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("malformed timestamp token: %v", err)
	}
	if !p.contentType.Equal(oidTSTInfo) || p.content.tag != tagOctetString {
		return nil, nil, nil, errors.New("the timestamp token holds no TSTInfo")
	}
	info, err := parseTSTInfo(p.content.content)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("malformed TSTInfo: %v", err)
	}
	if !supportedHash(info.hash) {
		return nil, nil, nil, fmt.Errorf("timestamp imprint: %w", ErrUnsupportedHash)
	}
	if !bytes.Equal(info.imprint, digestOf(info.hash, signature)) {
		return nil, nil, nil, errors.New("the timestamp is for a different signature (imprint mismatch)")
	}
	cert, err := signerCert(&p.signer, p.certs)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("timestamp token: %v", err)
	}
	if err := checkSignerInfo(&p.signer, cert, oidTSTInfo, p.content.content); err != nil {
		return nil, nil, nil, fmt.Errorf("timestamp token signature: %v", err)
	}
	if !slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
		return nil, nil, nil, fmt.Errorf("timestamp authority certificate %s lacks the timeStamping extended key usage", cert.Subject)
	}
	return info, cert, p.certs, nil
}

// verifyTimestamp checks the RFC 3161 token attached to a signature and
// returns the time it vouches for. With roots, the authority's chain must
// verify for timeStamping at that time.
func verifyTimestamp(token, signature []byte, outer []*x509.Certificate, roots *x509.CertPool) (time.Time, error) {
	info, cert, certs, err := checkTimestampToken(token, signature)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %v", ErrTimestamp, err)
	}
	if roots == nil {
		if err := checkValidity(cert, info.genTime); err != nil {
			return time.Time{}, fmt.Errorf("%w: timestamp authority: %v", ErrTimestamp, err)
		}
		return info.genTime, nil
	}
	_, err = cert.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: poolOf(append(slices.Clone(certs), outer...)),
		CurrentTime:   info.genTime,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping},
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: the timestamp authority is not trusted: %v", ErrTimestamp, err)
	}
	return info.genTime, nil
}
