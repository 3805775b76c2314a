"""The wizard's steps, one module per step, each built from its Designer form in forms/."""
