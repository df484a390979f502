package authenticode

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testTSA is a minimal RFC 3161 timestamp authority for tests, served on
// loopback by httptest. It signs with testdata/tsa.key.
type testTSA struct {
	signer       *Signer   // key and certificate of the authority (EKU timeStamping)
	genTime      time.Time // the time it vouches for
	status       int       // PKIStatus to answer; 0 = granted
	wrongImprint bool      // answer with a different message imprint
	requests     int
}

func newTestTSA(t *testing.T, genTime time.Time) (*testTSA, *httptest.Server) {
	t.Helper()
	key, err := parsePEMKey(testdata(t, "tsa.key"))
	if err != nil {
		t.Fatal(err)
	}
	certs := pemCerts(t, "tsa-chain.pem")
	// Not newSigner: the TSA certificate has no codeSigning EKU.
	tsa := &testTSA{signer: &Signer{key: key.(crypto.Signer), leaf: certs[0], chain: certs[1:2]}, genTime: genTime}
	srv := httptest.NewServer(tsa)
	t.Cleanup(srv.Close)
	return tsa, srv
}

// pemCerts parses the certificates in a PEM file of testdata.
func pemCerts(t *testing.T, name string) []*x509.Certificate {
	t.Helper()
	var certs []*x509.Certificate
	for rest := testdata(t, name); ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			return certs
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		certs = append(certs, c)
	}
}

func (a *testTSA) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.requests++
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/timestamp-query" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	e, _, err := readElem(body)
	req, err2 := expect(e, tagSequence)
	if err != nil || err2 != nil || len(req) < 2 {
		http.Error(w, "bad TimeStampReq", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/timestamp-reply")
	if a.status != 0 {
		w.Write(derSeq(derSeq(derInt(int64(a.status)), derSeq(mustMarshal("test refusal")))))
		return
	}
	imprint := req[1].full
	if a.wrongImprint {
		imprint = derSeq(derAlgID(oidSHA256, true), derOctets(make([]byte, 32)))
	}
	genTime, _ := asn1.MarshalWithParams(a.genTime.UTC(), "generalized")
	tst := derSeq(derInt(1), derOID(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}), imprint, derInt(42), genTime)
	for _, k := range req[2:] {
		if k.tag == tagInteger { // echo the nonce
			tst = derSeq(derInt(1), derOID(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}), imprint, derInt(42), genTime, k.full)
		}
	}
	certHash := sha256.Sum256(a.signer.leaf.Raw)
	attrs := derSetOf(
		derAttribute(oidContentType, derOID(oidTSTInfo)),
		derAttribute(oidMessageDigest, derOctets(digestOf(crypto.SHA256, tst))),
		derAttribute(oidSigningTime, mustMarshal(a.genTime.UTC())),
		derAttribute(oidSigningCertificateV2, derSeq(derSeq(derSeq(derOctets(certHash[:]))))),
	)
	sig, err := a.signer.key.Sign(rand.Reader, digestOf(crypto.SHA256, attrs), crypto.SHA256)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	si := derSeq(derInt(1), derSeq(a.signer.leaf.RawIssuer, derBigInt(a.signer.leaf.SerialNumber)),
		derAlgID(oidSHA256, true), implicitTag(attrs, tagContext0), derAlgID(oidRSAEncryption, true), derOctets(sig))
	sd := derSeq(derInt(3), derSetOf(derAlgID(oidSHA256, true)),
		derSeq(derOID(oidTSTInfo), derTLV(tagContext0, derOctets(tst))),
		derTLV(tagContext0, a.signer.leaf.Raw, a.signer.chain[0].Raw), derSetOf(si))
	token := derSeq(derOID(oidSignedData), derTLV(tagContext0, sd))
	w.Write(derSeq(derSeq(derInt(0)), token))
}

func TestTimestamp(t *testing.T) {
	genTime := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	tests := []struct {
		name   string
		signer string
		hash   crypto.Hash
		tsa    func(*testTSA)
		now    time.Time // Options.Now when signing
		want   error
	}{
		{name: "rsa sha256", signer: "rsa"},
		{name: "ecdsa sha384", signer: "ecdsa", hash: crypto.SHA384},
		{name: "expired certificate, timestamped while valid", signer: "expired", now: date(2020, 6, 1),
			tsa: func(a *testTSA) { a.genTime = date(2020, 6, 1) }},
		{name: "authority refuses", signer: "rsa", tsa: func(a *testTSA) { a.status = 2 }, want: ErrTimestamp},
		{name: "wrong imprint", signer: "rsa", tsa: func(a *testTSA) { a.wrongImprint = true }, want: ErrTimestamp},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tsa, srv := newTestTSA(t, genTime)
			if tc.tsa != nil {
				tc.tsa(tsa)
			}
			opt := Options{Hash: tc.hash, TimestampURL: srv.URL + "/tsa"}
			if !tc.now.IsZero() {
				opt.Now = func() time.Time { return tc.now }
			}
			s := loadSigner(t, tc.signer)
			signed, err := s.Sign([]byte(sampleScript), opt)
			if tsa.requests != 1 {
				t.Errorf("the authority got %d requests, want 1", tsa.requests)
			}
			if tc.want != nil {
				if !errors.Is(err, tc.want) {
					t.Fatalf("Sign: %v, want %v", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Sign: %v", err)
			}
			res, err := Verify(signed, VerifyOptions{Roots: testRoots(t)})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if !res.Timestamped || !res.TimestampTime.Equal(tsa.genTime) || !res.Trusted {
				t.Errorf("timestamped %v at %v, trusted %v; want timestamp %v", res.Timestamped, res.TimestampTime, res.Trusted, tsa.genTime)
			}
			if _, err := exec.LookPath("osslsigncode"); err != nil {
				t.Log("osslsigncode is not on PATH; not cross-checking the timestamp")
			} else if out, err := osslVerify(t, signed, "-TSA-CAfile", filepath.Join("testdata", "root.pem")); err != nil {
				t.Errorf("osslsigncode rejects the timestamped signature: %v\n%s", err, out)
			}
			// Stripping the timestamped block gives the unsigned script back,
			// and signing it again without a timestamp is deterministic.
			body, ok := Strip(signed)
			if !ok || !bytes.Equal(body, []byte(sampleScript)) {
				t.Errorf("Strip = %q, %v", body, ok)
			}
			// A timestamp made for another signature does not verify.
			other, err := s.Sign([]byte(sampleScript+"Write-Host 'other'\r\n"), opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(swapTimestamp(t, signed, other), VerifyOptions{Roots: testRoots(t)}); !errors.Is(err, ErrTimestamp) {
				t.Errorf("Verify with a foreign timestamp: %v, want %v", err, ErrTimestamp)
			}
		})
	}
}

// swapTimestamp returns signed with the timestamp token of other.
func swapTimestamp(t *testing.T, signed, other []byte) []byte {
	t.Helper()
	parts := func(b []byte) (body []byte, der []byte, p *parsedSignedData) {
		loc, _ := findBlock(b, encUTF8)
		der, err := decodeBlock(b[loc.start:], encUTF8)
		if err != nil {
			t.Fatal(err)
		}
		if p, err = parseSignedData(der); err != nil {
			t.Fatal(err)
		}
		return b[:loc.bodyEnd], der, p
	}
	body, der, p := parts(signed)
	_, _, q := parts(other)
	oldTok, _ := findAttribute(p.signer.unsigned, oidRFC3161Timestamp)
	newTok, _ := findAttribute(q.signer.unsigned, oidRFC3161Timestamp)
	if len(oldTok.full) != len(newTok.full) {
		t.Skip("tokens differ in length; cannot swap in place")
	}
	copy(oldTok.full, newTok.full) // oldTok.full is a subslice of der
	return append(bytes.Clone(body), encodeBlock(der, encUTF8)...)
}

func TestTimestampUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := strings.Replace(srv.URL, "http://", "http://user:Secret-In-URL@", 1)
	srv.Close() // nothing listens there any more
	_, err := loadSigner(t, "rsa").Sign([]byte(sampleScript), Options{TimestampURL: url})
	if !errors.Is(err, ErrTimestamp) {
		t.Fatalf("Sign: %v, want %v", err, ErrTimestamp)
	}
	if strings.Contains(err.Error(), "Secret-In-URL") {
		t.Errorf("error %q shows the URL's password", err)
	}
}
