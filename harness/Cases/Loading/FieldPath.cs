namespace Conformance.Harness.Cases.Loading;

/// <summary>Builds field paths as errors print them: <c>steps[2].send.opcode</c>.</summary>
internal static class FieldPath
{
    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
