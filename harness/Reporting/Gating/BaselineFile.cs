using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conformance.Harness.Cases.Model;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reporting.Gating;

/// <summary>Reads and writes baseline files (schema <see cref="Baseline.SchemaId"/>), with errors that name the file and the place.</summary>
public static class BaselineFile
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The baseline as JSON text: pretty, entries in their stable order, ending with a newline.</summary>
    public static string ToJson(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var sorted = baseline with { Schema = Baseline.SchemaId, Entries = Baseline.Sorted(baseline.Entries) };
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, sorted, BaselineJson.Default.Baseline);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Writes the baseline to <paramref name="path"/> (through a temporary file, then a rename).</summary>
    public static void Write(Baseline baseline, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var json = ToJson(baseline);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var temporary = path + ".tmp";
            File.WriteAllText(temporary, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new BaselineFileException($"{path}: cannot write it: {exception.Message}");
        }
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="BaselineFileException">The file cannot be read or is not a valid baseline.</exception>
    public static Baseline Read(string path)
    {
        return Parse(JsonFileText.ReadAll(path, message => new BaselineFileException(message)), path);
    }

    /// <summary>Parses baseline JSON; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="BaselineFileException">The text is not a valid baseline.</exception>
    public static Baseline Parse(ReadOnlySpan<byte> utf8, string source)
    {
        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize(utf8, BaselineJson.Default.Baseline);
        }
        catch (JsonException exception)
        {
            throw new BaselineFileException(JsonFileText.Describe(exception, source, "wsconform baseline file"));
        }

        if (baseline is null)
        {
            throw new BaselineFileException($"{source}: empty (null) baseline");
        }

        if (baseline.Schema != Baseline.SchemaId)
        {
            throw new BaselineFileException($"{source}: schema is '{baseline.Schema}', this wsconform reads '{Baseline.SchemaId}'");
        }

        for (var i = 0; i < baseline.Entries.Count; i++)
        {
            var entry = baseline.Entries[i];
            if (entry is null)
            {
                throw new BaselineFileException($"{source}: entries[{i}]: null entry");
            }

            if (string.IsNullOrWhiteSpace(entry.Case))
            {
                throw new BaselineFileException($"{source}: entries[{i}].case: missing or empty case id");
            }

            if (entry.Verdict != Verdict.Failed.ToAutobahn() && entry.Verdict != Verdict.NonStrict.ToAutobahn())
            {
                var given = entry.Verdict is null ? "missing" : $"'{entry.Verdict}' is not a baseline verdict";
                throw new BaselineFileException($"{source}: entries[{i}].verdict: {given} (FAILED or NON-STRICT)");
            }
        }

        return baseline;
    }

}
