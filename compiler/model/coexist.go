package model

import "strings"

// RoutingAddressOK reports whether a remote routing address (with or
// without its smtp: prefix) is in the routing domain, ignoring case.
func RoutingAddressOK(address, routing string) bool {
	if i := strings.IndexByte(address, ':'); i >= 0 && i < strings.IndexByte(address, '@') {
		address = address[i+1:]
	}
	at := strings.LastIndexByte(address, '@')
	return at >= 0 && strings.EqualFold(address[at+1:], routing)
}
