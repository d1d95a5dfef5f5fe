namespace Conformance.Fuzz.Seeds;

/// <summary>A dictionary file that cannot be read as AFL's <c>-x</c> format; the message names the file, the line and the fault.</summary>
public sealed class DictionaryFileException : Exception
{
    public DictionaryFileException(string message)
        : base(message)
    {
    }

    public DictionaryFileException()
    {
    }

    public DictionaryFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
