package authenticode

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestRefusals checks that every refused input gives a clear error that
// wraps the right sentinel, and that no error leaks a password or key.
func TestRefusals(t *testing.T) {
	password := pfxPassword(t)
	const wrongPassword = "Wrong-Secret-Passw0rd-42"
	rsaKeyPEM := testdata(t, "rsa.key")
	secrets := []string{password, wrongPassword, keyLine(rsaKeyPEM)}

	p521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	p521DER, _ := x509.MarshalPKCS8PrivateKey(p521)
	encryptedKey := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0x00}})
	legacyEncryptedKey := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00000000000000000000000000000000"}, Bytes: []byte{1}})
	corruptPFX := bytes.Clone(testdata(t, "rsa.pfx"))
	corruptPFX[len(corruptPFX)/2] ^= 0xFF

	sign := func(signer string, script string, opt Options) func(t *testing.T) error {
		return func(t *testing.T) error {
			_, err := loadSigner(t, signer).Sign([]byte(script), opt)
			return err
		}
	}
	loadPEM := func(certs string, key []byte) func(t *testing.T) error {
		return func(t *testing.T) error {
			_, err := LoadPEM(testdata(t, certs), key)
			return err
		}
	}
	tests := []struct {
		name     string
		run      func(t *testing.T) error
		want     error
		wantText string
	}{
		{name: "wrong PFX password (modern)", run: func(t *testing.T) error {
			_, err := LoadPFX(testdata(t, "rsa.pfx"), wrongPassword)
			return err
		}, want: ErrWrongPassword, wantText: "wrong password or corrupt PFX"},
		{name: "wrong PFX password (legacy)", run: func(t *testing.T) error {
			_, err := LoadPFX(testdata(t, "rsa-legacy.pfx"), wrongPassword)
			return err
		}, want: ErrWrongPassword, wantText: "wrong password or corrupt PFX"},
		{name: "corrupt PFX", run: func(t *testing.T) error {
			_, err := LoadPFX(corruptPFX, password)
			return err
		}, want: ErrWrongPassword, wantText: "wrong password or corrupt PFX"},
		{name: "key does not match certificate", run: loadPEM("rsa-chain.pem", testdata(t, "ecdsa.key")), want: ErrKeyMismatch, wantText: "does not match the certificate"},
		{name: "no codeSigning EKU", run: loadPEM("noeku-chain.pem", testdata(t, "noeku.key")), want: ErrNotCodeSigning, wantText: "no Code Signing extended key usage"},
		{name: "key usage without digitalSignature", run: loadPEM("nodigsig-chain.pem", testdata(t, "nodigsig.key")), want: ErrNotCodeSigning, wantText: "digitalSignature"},
		{name: "RSA 1024", run: loadPEM("rsa1024-chain.pem", testdata(t, "rsa1024.key")), want: ErrWeakKey, wantText: "1024 bits"},
		{name: "ECDSA P-521", run: loadPEM("rsa-chain.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p521DER})), want: ErrWeakKey, wantText: "P-521"},
		{name: "encrypted PKCS#8 key", run: loadPEM("rsa-chain.pem", encryptedKey), want: ErrEncryptedKey, wantText: "encrypted"},
		{name: "encrypted legacy PEM key", run: loadPEM("rsa-chain.pem", legacyEncryptedKey), want: ErrEncryptedKey, wantText: "encrypted"},
		{name: "no key in key PEM", run: loadPEM("rsa-chain.pem", testdata(t, "rsa.pem")), want: ErrNoKey, wantText: "no private key"},
		{name: "no certificate", run: func(t *testing.T) error {
			_, err := LoadPEM(rsaKeyPEM, rsaKeyPEM)
			return err
		}, want: ErrNoCertificate, wantText: "no certificate"},
		{name: "expired certificate", run: sign("expired", sampleScript, Options{}), want: ErrExpired, wantText: "valid until 2021-01-01"},
		{name: "not yet valid", run: sign("rsa", sampleScript, Options{Now: func() time.Time { return date(1999, 1, 1) }}), want: ErrNotYetValid, wantText: "valid only from 2000-01-01"},
		{name: "SHA-1", run: sign("rsa", sampleScript, Options{Hash: crypto.SHA1}), want: ErrUnsupportedHash, wantText: "SHA-1"},
		{name: "MD5", run: sign("rsa", sampleScript, Options{Hash: crypto.MD5}), want: ErrUnsupportedHash, wantText: "MD5"},
		{name: "marker line in body", run: sign("rsa", "\ufeffWrite-Host 1\r\n# SIG # Begin signature block\r\nWrite-Host 2\r\n", Options{}), want: ErrMarkerInBody, wantText: "# SIG # Begin signature block"},
		{name: "marker line before a valid block", run: func(t *testing.T) error {
			signed, err := loadSigner(t, "rsa").Sign([]byte(sampleScript), Options{})
			if err != nil {
				return err
			}
			injected := bytes.Replace(signed, []byte("# test\r\n"), []byte("# test\r\n# SIG # Begin signature block\r\n"), 1)
			_, err = loadSigner(t, "rsa").Sign(injected, Options{})
			return err
		}, want: ErrMarkerInBody, wantText: "# SIG # Begin signature block"},
		{name: "marker inside a line", run: sign("rsa", "\ufeffWrite-Host '# SIG # Begin signature block'\r\n", Options{}), want: ErrMarkerInBody, wantText: "# SIG # Begin signature block"},
		{name: "non-ASCII without BOM", run: sign("rsa", "Write-Host 'Zürich'\r\n", Options{}), want: ErrEncoding, wantText: "byte-order mark"},
		{name: "invalid UTF-8", run: sign("rsa", "\ufeffWrite-Host '\xff'\r\n", Options{}), want: ErrEncoding, wantText: "not valid UTF-8"},
		{name: "UTF-16BE", run: sign("rsa", "\xfe\xff\x00a", Options{}), want: ErrEncoding, wantText: "big-endian"},
		{name: "empty script", run: sign("rsa", "\ufeff", Options{}), wantText: "empty script"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run(t)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not say %q", err, tc.wantText)
			}
			for _, s := range secrets {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error %q leaks a secret", err)
				}
			}
		})
	}
}

// keyLine returns a line of base64 from the middle of a PEM key, to check
// that no error repeats key material.
func keyLine(keyPEM []byte) string {
	lines := strings.Split(string(keyPEM), "\n")
	return lines[len(lines)/2]
}

// TestVerifyFailures checks Verify's errors on damaged or untrusted input.
func TestVerifyFailures(t *testing.T) {
	s := loadSigner(t, "rsa")
	signed, err := s.Sign([]byte(sampleScript), Options{})
	if err != nil {
		t.Fatal(err)
	}
	expiredSigned, err := loadSigner(t, "expired").Sign([]byte(sampleScript), Options{Now: func() time.Time { return date(2020, 6, 1) }})
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherRoot := issue(t, &x509.Certificate{NotBefore: date(2000, 1, 1), NotAfter: date(2046, 1, 1), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}, nil, otherKey, otherKey)
	otherRoots := x509.NewCertPool()
	otherRoots.AddCert(otherRoot)

	tests := []struct {
		name     string
		script   []byte
		roots    *x509.CertPool
		want     error
		wantText string
	}{
		{name: "unsigned", script: []byte(sampleScript), roots: testRoots(t), want: ErrNoSignature, wantText: "no signature block"},
		{name: "body changed", script: flipBodyByte(signed, encUTF8), roots: testRoots(t), want: ErrDigestMismatch, wantText: "script was changed after signing (digest mismatch)"},
		{name: "body changed, no roots", script: flipBodyByte(signed, encUTF8), want: ErrDigestMismatch, wantText: "digest mismatch"},
		{name: "line appended to body", script: append([]byte("Write-Host 'evil'\r\n"), signed...), roots: testRoots(t), want: ErrDigestMismatch, wantText: "digest mismatch"},
		{name: "signature value changed", script: damageSignature(t, signed), roots: testRoots(t), want: ErrBadSignature, wantText: "signature is invalid"},
		{name: "bad base64", script: bytes.Replace(signed, []byte("\r\n# MII"), []byte("\r\n# !II"), 1), roots: testRoots(t), want: ErrMalformed, wantText: "base64"},
		{name: "truncated block", script: signed[:len(signed)-40], roots: testRoots(t), want: ErrMalformed, wantText: "End signature block"},
		{name: "carriage return inside a block line", script: bytes.Replace(signed, []byte("\r\n# MII"), []byte("\r\n# M\rII"), 1), roots: testRoots(t), want: ErrMalformed, wantText: "not base64"},
		{name: "text after block", script: append(bytes.Clone(signed), "Write-Host 'evil'\r\n"...), roots: testRoots(t), want: ErrMalformed, wantText: "text after"},
		{name: "unknown root", script: signed, roots: otherRoots, want: ErrUntrusted, wantText: "not trusted"},
		{name: "expired, no timestamp", script: expiredSigned, roots: testRoots(t), want: ErrExpired, wantText: "no timestamp"},
		{name: "expired, no roots", script: expiredSigned, want: ErrExpired, wantText: "expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Verify(tc.script, VerifyOptions{Roots: tc.roots})
			if err == nil {
				t.Fatalf("no error; result %+v", res)
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("error %q does not wrap %q", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not say %q", err, tc.wantText)
			}
		})
	}
}

// damageSignature flips one bit of the signer's signature value.
func damageSignature(t *testing.T, signed []byte) []byte {
	t.Helper()
	loc, _ := findBlock(signed, encUTF8)
	der, err := decodeBlock(signed[loc.start:], encUTF8)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseSignedData(der)
	if err != nil {
		t.Fatal(err)
	}
	p.signer.signature[10] ^= 1 // a subslice of der
	return append(bytes.Clone(signed[:loc.bodyEnd]), encodeBlock(der, encUTF8)...)
}
