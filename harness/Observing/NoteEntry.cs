namespace Conformance.Harness.Observing;

/// <summary>What the harness decided or waited for (a pause, a mark, a deadline, a timeout), like Autobahn's CT/KL/TI entries.</summary>
public sealed record NoteEntry(string Text) : WireEntry;
