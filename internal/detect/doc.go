// Package detect finds the customer-side failures behind most cloud
// incidents: world-open firewall rules, over-broad IAM policies, public
// buckets, leaked secrets and unpatched machines. These sit on the customer
// side of the shared responsibility model ("security in the cloud"), so no
// provider control catches them.
//
// Every detector is a pure function of its input: no I/O, no package state
// that changes after init, so all of them are safe for concurrent use. They
// never panic, whatever the input (the tests fuzz them), and they return
// findings in a deterministic order. A Finding never contains a secret value:
// secret findings carry at most the first four characters as a hint.
//
// The References in findings cite only controls verified in the project's
// reference notes (NIST SP 800-53 Rev. 5, CIS Controls v8, CIS AWS Foundations
// v5.0, ISO/IEC 27001:2022 Annex A, PCI DSS v4.0).
package detect
