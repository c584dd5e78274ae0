// Package cputime reads how much CPU time the process, or the calling thread, has used, so that
// benchmarks and `dyad bench` on a shared machine can report work per CPU second, which other load
// does not skew. Where the system does not tell, the functions return 0.
package cputime
