package pscheck

import (
	"reflect"
	"testing"
)

// spanTexts returns the source text of each span.
func spanTexts(src string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, src[s.Start:s.End])
	}
	return out
}

func TestDataSections(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []string // text of each span
	}{
		{name: "none", src: "$x = 'a'\n"},
		{name: "assigned", src: "$d = data {\n    'a'\n}\n", want: []string{"{\n    'a'\n}"}},
		{name: "named with supported command", src: "data Msgs -SupportedCommand ConvertFrom-StringData { ConvertFrom-StringData 'k = v' }\n", want: []string{"{ ConvertFrom-StringData 'k = v' }"}},
		{name: "in a function, two sections", src: "function F {\n    $a = data { 'x' }\n    $b = data { @{ K = 'y' } }\n}\n", want: []string{"{ 'x' }", "{ @{ K = 'y' } }"}},
		{name: "the word data in a string is not a section", src: "Write-Output 'data { x }'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DataSections([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if texts := spanTexts(tt.src, got); !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("DataSections = %q, want %q", texts, tt.want)
			}
		})
	}
}

func TestComments(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{name: "none", src: "Write-Output '# not a comment' \"<# nor this #>\"\n"},
		{name: "line, block and help", src: "#Requires -Version 5.1\n<#\n.SYNOPSIS\n    x\n#>\n$a = 1 # trailing\n", want: []string{"#Requires -Version 5.1", "<#\n.SYNOPSIS\n    x\n#>", "# trailing"}},
		{name: "inside a data section", src: "$d = data {\n    # note\n    'a'\n}\n", want: []string{"# note"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if texts := spanTexts(tt.src, Comments([]byte(tt.src))); !reflect.DeepEqual(texts, tt.want) {
				t.Errorf("Comments = %q, want %q", texts, tt.want)
			}
		})
	}
}

func TestStringLiterals(t *testing.T) {
	Require(t)
	tests := []struct {
		name string
		src  string
		want []Literal // Span.Start/End/Line/Col are checked through Text
		text []string  // source text of each literal
	}{
		{name: "single-quoted with every doubled quote", src: "$a = 'it''s ‘‘a’’ ‚‚b‛‛'\n", text: []string{"'it''s ‘‘a’’ ‚‚b‛‛'"}, want: []Literal{{Value: "it's ‘a’ ‚b‛", Constant: true}}},
		{name: "verbatim here-string", src: "$a = @'\nx $y\n'@\n", text: []string{"@'\nx $y\n'@"}, want: []Literal{{Value: "x $y", Here: true, Constant: true}}},
		{name: "constant expandable", src: "$a = \"a`tb\"\n", text: []string{"\"a`tb\""}, want: []Literal{{Value: "a\tb", Expandable: true, Constant: true}}},
		{name: "expanding string and the literal inside it", src: "$a = \"v $($x + 'in')\"\n", text: []string{"\"v $($x + 'in')\"", "'in'"}, want: []Literal{{Expandable: true}, {Value: "in", Constant: true}}},
		{name: "expandable here-string", src: "$a = @\"\n$x\n\"@\n", text: []string{"@\"\n$x\n\"@"}, want: []Literal{{Expandable: true, Here: true}}},
		{name: "in and out of data", src: "$d = data { 'in' }\n$e = 'out'\n", text: []string{"'in'", "'out'"}, want: []Literal{{Value: "in", Constant: true, InData: true}, {Value: "out", Constant: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := StringLiterals([]byte(tt.src))
			var spans []Span
			for i := range got {
				spans = append(spans, got[i].Span)
				got[i].Span = Span{}
			}
			if texts := spanTexts(tt.src, spans); !reflect.DeepEqual(texts, tt.text) {
				t.Errorf("texts = %q, want %q", texts, tt.text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("StringLiterals = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOutsideData(t *testing.T) {
	Require(t)
	const m = "MK7q"
	tests := []struct {
		name string
		src  string
		want []Pos // Offset is not compared
	}{
		{name: "only in data literals", src: "$d = data {\n    'x MK7q y'\n    @{ Name = 'MK7q' }\n    @'\nMK7q\n'@\n}\nSet-Mailbox -Identity $d[0]\n"},
		{name: "doubled quotes around the marker", src: "$d = data { 'it''s MK7q’’' }\n"},
		{name: "absent", src: "Write-Output 'nothing here'\n"},
		{
			name: "single-quoted string outside data",
			src:  "Set-Mailbox -Identity 'MK7q'\n",
			want: []Pos{{Line: 1, Col: 24, In: "single-quoted string"}},
		},
		{
			name: "comments and help, also inside data",
			src:  "<#\n.SYNOPSIS\n    MK7q\n#>\n# MK7q\n$d = data {\n    # MK7q\n    'ok MK7q'\n}\n",
			want: []Pos{{Line: 3, Col: 5, In: "comment"}, {Line: 5, Col: 3, In: "comment"}, {Line: 7, Col: 7, In: "comment", InData: true}},
		},
		{
			name: "double-quoted inside data",
			src:  "$d = data { \"MK7q\" }\n",
			want: []Pos{{Line: 1, Col: 14, In: "double-quoted string", InData: true}},
		},
		{
			name: "here-strings outside data",
			src:  "$a = @'\nMK7q\n'@\n$b = @\"\nMK7q\n\"@\n",
			want: []Pos{{Line: 2, Col: 1, In: "single-quoted here-string"}, {Line: 5, Col: 1, In: "double-quoted here-string"}},
		},
		{
			name: "identifiers and barewords",
			src:  "function Set-MK7q { }\n$MK7q = 1\nWrite-Output MK7q\n",
			want: []Pos{{Line: 1, Col: 14, In: "code"}, {Line: 2, Col: 2, In: "code"}, {Line: 3, Col: 14, In: "code"}},
		},
		{
			name: "bareword in a data section",
			src:  "$d = data { @{ MK7q = 'v' } }\n",
			want: []Pos{{Line: 1, Col: 16, In: "code", InData: true}},
		},
		{
			name: "decoded only",
			src:  "Write-Output \"MK`7q\" 'x'\n",
			want: []Pos{{Line: 1, Col: 14, In: "double-quoted string (decoded)"}},
		},
		{
			name: "an undoubled curly quote lets the marker out of the string",
			src:  "$d = data { 'a’ MK7q' }\n",
			want: []Pos{{Line: 1, Col: 19, In: "single-quoted string, past the point where PowerShell ends it", InData: true}},
		},
		{
			name: "data section with a syntax error proves nothing",
			src:  "$d = data { 'MK7q' + }\n",
			want: []Pos{{Line: 1, Col: 14, In: "single-quoted string"}},
		},
		{
			name: "#Requires line",
			src:  "#Requires -Modules MK7q\n",
			want: []Pos{{Line: 1, Col: 20, In: "comment"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OutsideData([]byte(tt.src), m)
			for i := range got {
				got[i].Offset = 0
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("OutsideData = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
