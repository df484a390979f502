// Package check enforces the rules of Microsoft's guidance that the JSON
// Schema cannot express (hybrid, mail flow, permissions, Entra, safety), fills
// in the defaults a configuration leaves out, and suggests names for typos.
package check
