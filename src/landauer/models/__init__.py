"""Physical substrates: each subpackage implements the engine's model interface or its own solver."""
