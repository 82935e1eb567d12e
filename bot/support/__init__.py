"""The support console under /support/: sign-in, conversations, transcripts, take-over, audit."""
