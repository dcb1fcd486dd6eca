"""The PDF kinds this app renders itself; other apps register theirs from their own code."""
