using System.Text.RegularExpressions;

namespace Conformance.Harness.Fuzzing.Network;

/// <summary>
/// What makes two crashes the same bug: how the process ended and the top of the stack its runtime printed (a Python
/// traceback's exception type and innermost frame; .NET's unhandled exception and first frame; node's error and first
/// "at"; a Go panic), or else the last line of stderr, with numbers, addresses and ports blanked out.
/// </summary>
public static partial class CrashSignature
{
    public static string For(string exit, string stderr)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(stderr);
        var top = TopOfStack(stderr);
        return top is null ? $"crash: {exit}" : $"crash: {exit}: {top}";
    }

    /// <summary>The top of the stack, normalised, or null when stderr says nothing useful.</summary>
    public static string? TopOfStack(string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var lines = stderr.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0).ToList();

        // Python: the last traceback's last "File ..., in f" line and the exception line after it.
        var traceback = lines.FindLastIndex(line => line.StartsWith("Traceback (most recent call last)", StringComparison.Ordinal));
        if (traceback >= 0)
        {
            var rest = lines.Skip(traceback + 1).ToList();
            var frame = rest.LastOrDefault(line => PythonFrame().IsMatch(line));
            var exception = rest.LastOrDefault(line => !line.StartsWith(' ') && !line.StartsWith('\t'));
            var where = frame is null ? string.Empty : PythonFrame().Match(frame) is var m ? $" in {Path.GetFileName(m.Groups["file"].Value)}:{m.Groups["function"].Value}" : string.Empty;
            return Normalise($"{ExceptionType(exception ?? "exception")}{where}");
        }

        // .NET: "Unhandled exception. System.X: message" and the first "   at Frame(...)".
        var unhandled = lines.FindIndex(line => line.Contains("Unhandled exception.", StringComparison.Ordinal));
        if (unhandled >= 0)
        {
            var type = DotnetException().Match(lines[unhandled]) is { Success: true } t ? t.Groups["type"].Value : "Unhandled exception";
            var at = lines.Skip(unhandled + 1).FirstOrDefault(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            return Normalise(at is null ? type : $"{type} {Frame(at)}");
        }

        // Go: "panic: message" and the first function line after "goroutine N [running]:".
        var panic = lines.FindIndex(line => line.StartsWith("panic: ", StringComparison.Ordinal) || line.StartsWith("fatal error: ", StringComparison.Ordinal));
        if (panic >= 0)
        {
            var function = lines.Skip(panic + 1).SkipWhile(line => !line.StartsWith("goroutine ", StringComparison.Ordinal)).Skip(1).FirstOrDefault();
            return Normalise(function is null ? lines[panic] : $"{lines[panic].Split(':')[0]} in {function.Split('(')[0]}");
        }

        // node and JavaScript engines: an "XError: ..." line and the first "    at " below it.
        var error = lines.FindIndex(line => JsError().IsMatch(line));
        if (error >= 0)
        {
            var at = lines.Skip(error + 1).FirstOrDefault(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            var type = JsError().Match(lines[error]).Groups["type"].Value;
            return Normalise(at is null ? type : $"{type} {Frame(at)}");
        }

        return lines.Count == 0 ? null : Normalise(lines[^1]);
    }

    private static string ExceptionType(string line) => line.Split(':')[0].Trim();

    /// <summary>"at Namespace.Type.Method(args) in /path/file.cs:line 12" becomes "at Namespace.Type.Method".</summary>
    private static string Frame(string at)
    {
        var frame = at.Trim();
        var paren = frame.IndexOf('(', StringComparison.Ordinal);
        return paren > 0 ? frame[..paren].TrimEnd() : frame;
    }

    private static string Normalise(string text)
    {
        var normal = HexNumber().Replace(text, "0x_");
        normal = Number().Replace(normal, "N");
        return normal.Length > 200 ? normal[..200] : normal;
    }

    [GeneratedRegex(@"^\s*File ""(?<file>[^""]+)"", line \d+, in (?<function>\S+)")]
    private static partial Regex PythonFrame();

    [GeneratedRegex(@"Unhandled exception\.\s*(?<type>[\w.]+)")]
    private static partial Regex DotnetException();

    [GeneratedRegex(@"^(?:Uncaught )?(?<type>[A-Z]\w*Error)\b")]
    private static partial Regex JsError();

    [GeneratedRegex(@"0x[0-9a-fA-F]+")]
    private static partial Regex HexNumber();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
