package lemma

// SharedDir exposes sharedDir to the external tests.
var SharedDir = sharedDir
