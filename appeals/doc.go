// Package appeals keeps the appeals ledger (诉求台账): the matters people
// raise through the hotline, the web, a window, a letter, a special
// supervisor or a survey comment, and how the units handle them — assigned
// with a working-day deadline, accepted, returned, extended, replied,
// called back, reviewed. It computes the five rates of SPEC "Appeals" per
// unit and month, answers the public lookup at /q, imports hotline
// platforms' exports, and serves the dispatcher's and liaisons' queues and
// an Open311 read model. It speaks no HTTP; the app wires it.
package appeals
