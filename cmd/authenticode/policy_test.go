package authenticode

import (
	"crypto"
	"crypto/x509"
	"errors"
	"strings"
	"testing"
)

// TestSignerPolicy: LoadPEM refuses each certificate the policy rules out,
// with the rule's own error and a message naming the certificate.
func TestSignerPolicy(t *testing.T) {
	tests := []struct {
		name    string
		leaf    string
		want    error // nil: accepted
		wantMsg string
	}{
		{name: "RSA end-entity", leaf: "rsa"},
		{name: "ECDSA end-entity", leaf: "ecdsa"},
		{name: "CA:TRUE with code signing", leaf: "catrue", want: ErrCACertificate, wantMsg: "CN=hybridc TEST-ONLY catrue,O=hybridc tests has basic constraints CA:TRUE"},
		{name: "leaf signed with SHA-1", leaf: "sha1", want: ErrWeakCertSignature, wantMsg: "CN=hybridc TEST-ONLY sha1,O=hybridc tests is signed with SHA1-RSA"},
		{name: "intermediate signed with SHA-1", leaf: "sha1inter", want: ErrWeakCertSignature, wantMsg: "SHA-1 Intermediate CA,O=hybridc tests is signed with SHA1-RSA"},
		{name: "no code signing EKU", leaf: "noeku", want: ErrNotCodeSigning},
		{name: "RSA 1024", leaf: "rsa1024", want: ErrWeakKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadPEM(testdata(t, tc.leaf+"-chain.pem"), testdata(t, tc.leaf+".key"))
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("LoadPEM = %v, want %v", err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not say %q", err, tc.wantMsg)
			}
		})
	}
}

// TestVerifySignerPolicy: a signature made with a certificate the policy
// refuses (signed here by going around LoadPEM) is invalid for Verify too,
// with and without trusted roots.
func TestVerifySignerPolicy(t *testing.T) {
	tests := []struct {
		name string
		leaf string
		want error
	}{
		{name: "CA:TRUE with code signing", leaf: "catrue", want: ErrCACertificate},
		{name: "leaf signed with SHA-1", leaf: "sha1", want: ErrWeakCertSignature},
		{name: "intermediate signed with SHA-1", leaf: "sha1inter", want: ErrWeakCertSignature},
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(testdata(t, "policy-root.pem"))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			certs, err := ParsePEMCertificates(testdata(t, tc.leaf+"-chain.pem"))
			if err != nil {
				t.Fatal(err)
			}
			key, err := parsePEMKey(testdata(t, tc.leaf+".key"))
			if err != nil {
				t.Fatal(err)
			}
			var chain []*x509.Certificate
			for _, c := range certs[1:] {
				if !isSelfSigned(c) {
					chain = append(chain, c)
				}
			}
			s := &Signer{key: key.(crypto.Signer), leaf: certs[0], chain: chain}
			signed, err := s.Sign([]byte(sampleScript), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, opt := range []VerifyOptions{{}, {Roots: roots}} {
				if _, err := Verify(signed, opt); !errors.Is(err, tc.want) {
					t.Errorf("Verify(roots %v) = %v, want %v", opt.Roots != nil, err, tc.want)
				}
			}
		})
	}
}
