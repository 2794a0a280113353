// The DriftDaemon module; see DESIGN.md.
