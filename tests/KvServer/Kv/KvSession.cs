using System.Globalization;
using System.Text;

namespace Conformance.KvServer.Kv;

/// <summary>
/// One connection's store: AUTH first (admin may write, guest only read), four databases (SELECT), strings with
/// INCR/APPEND, lists, KEYS globbing, and MULTI/EXEC transactions that queue commands and run them together.
/// </summary>
internal sealed class KvSession
{
    private const int Databases = 4;
    private const int MaxKeys = 64;
    private const int MaxValue = 512;
    private const int MaxQueued = 8;

    private readonly Dictionary<string, object>[] _databases = [.. Enumerable.Range(0, Databases).Select(_ => new Dictionary<string, object>(StringComparer.Ordinal))];
    private string? _user;
    private int _database;
    private List<List<string>>? _queued;
    private bool _transactionBroken;

    public bool Quit { get; private set; }

    private Dictionary<string, object> Store => _databases[_database];

    /// <summary>A pipeline: one command per line, one answer per line.</summary>
    public string ExecutePipeline(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length > MaxQueued)
        {
            return "ERR pipeline longer than 8 commands";
        }

        var replies = new StringBuilder();
        foreach (var line in lines)
        {
            if (Quit)
            {
                break;
            }

            replies.Append(Execute(line.TrimEnd('\r'))).Append('\n');
        }

        return replies.ToString();
    }

    public string Execute(string line)
    {
        var words = CommandLine.Split(line, out var error);
        if (words is null)
        {
            return "ERR syntax: " + error;
        }

        if (words.Count == 0)
        {
            return "ERR empty command";
        }

        var name = words[0].ToUpperInvariant();
        if (_queued is not null && name is not ("EXEC" or "DISCARD" or "MULTI" or "QUIT"))
        {
            if (!IsKnown(name))
            {
                _transactionBroken = true;
                return "ERR unknown command inside MULTI, the transaction will be discarded";
            }

            if (_queued.Count >= MaxQueued)
            {
                _transactionBroken = true;
                return "ERR too many queued commands";
            }

            _queued.Add(words);
            return "QUEUED";
        }

        return Run(name, words);
    }

    private static bool IsKnown(string name) => name is "AUTH" or "PING" or "SELECT" or "SET" or "GET" or "DEL" or "INCR" or "INCRBY"
        or "APPEND" or "KEYS" or "LPUSH" or "LPOP" or "LLEN";

    private string Run(string name, List<string> words)
    {
        switch (name)
        {
            case "PING":
                return words.Count switch { 1 => "PONG", 2 => words[1], _ => Arity(name) };
            case "QUIT":
                Quit = true;
                return "OK bye";
            case "AUTH":
                return Auth(words);
        }

        if (_user is null)
        {
            return "NOAUTH authentication required";
        }

        switch (name)
        {
            case "MULTI":
                if (_queued is not null)
                {
                    return "ERR MULTI calls can not be nested";
                }

                _queued = [];
                _transactionBroken = false;
                return "OK";
            case "EXEC":
                return Exec();
            case "DISCARD":
                if (_queued is null)
                {
                    return "ERR DISCARD without MULTI";
                }

                _queued = null;
                return "OK";
            case "SELECT":
                if (words.Count != 2)
                {
                    return Arity(name);
                }

                if (!int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var database) || database >= Databases)
                {
                    return "ERR DB index is out of range";
                }

                _database = database;
                return "OK";
            case "GET":
                if (words.Count != 2)
                {
                    return Arity(name);
                }

                return Store.TryGetValue(words[1], out var value) ? value is string text ? Quote(text) : WrongType() : "NIL";
            case "KEYS":
                return words.Count != 2 ? Arity(name) : string.Join(' ', Store.Keys.Where(key => Glob.Matches(words[1], key)).Order(StringComparer.Ordinal).Select(Quote));
            case "LLEN":
                if (words.Count != 2)
                {
                    return Arity(name);
                }

                return !Store.TryGetValue(words[1], out var list) ? "0" : list is List<string> items ? items.Count.ToString(CultureInfo.InvariantCulture) : WrongType();
        }

        if (_user != "admin")
        {
            return "NOPERM this user has no permissions to run the '" + name.ToLowerInvariant() + "' command";
        }

        return name switch
        {
            "SET" => Set(words),
            "DEL" => Delete(words),
            "INCR" => words.Count == 2 ? IncrementBy(words[1], 1) : Arity(name),
            "INCRBY" => words.Count != 3 ? Arity(name) : long.TryParse(words[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var by) ? IncrementBy(words[1], by) : "ERR value is not an integer or out of range",
            "APPEND" => Append(words),
            "LPUSH" => Push(words),
            "LPOP" => words.Count == 2 ? Pop(words[1]) : Arity(name),
            _ => "ERR unknown command '" + words[0] + "'",
        };
    }

    private string Auth(List<string> words)
    {
        if (words.Count is not (2 or 3))
        {
            return Arity("AUTH");
        }

        var user = words.Count == 3 ? words[1] : "admin";
        var password = words[^1];
        if (user.Length is 0 or > 16 || !user.All(char.IsAsciiLetterLower))
        {
            return "ERR invalid username";
        }

        switch (user)
        {
            case "admin" when password == "s3cret":
                _user = user;
                return "OK";
            case "guest":
                _user = user;
                return "OK read-only";
            default:
                return "WRONGPASS invalid username-password pair";
        }
    }

    private string Exec()
    {
        if (_queued is null)
        {
            return "ERR EXEC without MULTI";
        }

        var queued = _queued;
        _queued = null;
        if (_transactionBroken)
        {
            return "EXECABORT Transaction discarded because of previous errors.";
        }

        if (queued.Count == 0)
        {
            return "(empty array)";
        }

        return string.Join(" | ", queued.Select(words => Run(words[0].ToUpperInvariant(), words)));
    }

    private string Set(List<string> words)
    {
        if (words.Count < 3)
        {
            return Arity("SET");
        }

        var (key, value) = (words[1], words[2]);
        var onlyIfNew = false;
        for (var i = 3; i < words.Count; i++)
        {
            switch (words[i].ToUpperInvariant())
            {
                case "NX":
                    onlyIfNew = true;
                    break;
                case "EX" when i + 1 < words.Count:
                    if (!int.TryParse(words[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds == 0)
                    {
                        return "ERR invalid expire time in 'set' command";
                    }

                    break;
                default:
                    return "ERR syntax error";
            }
        }

        if (onlyIfNew && Store.ContainsKey(key))
        {
            return "NIL";
        }

        return CheckRoom(key, value.Length) ?? Put(key, value);
    }

    private string Delete(List<string> words)
    {
        if (words.Count < 2)
        {
            return Arity("DEL");
        }

        return words.Skip(1).Distinct(StringComparer.Ordinal).Count(Store.Remove).ToString(CultureInfo.InvariantCulture);
    }

    private string IncrementBy(string key, long by)
    {
        long current = 0;
        if (Store.TryGetValue(key, out var value))
        {
            if (value is not string text)
            {
                return WrongType();
            }

            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out current))
            {
                return "ERR value is not an integer or out of range";
            }
        }

        long next;
        try
        {
            next = checked(current + by);
        }
        catch (OverflowException)
        {
            return "ERR increment or decrement would overflow";
        }

        return CheckRoom(key, 0) ?? Put(key, next.ToString(CultureInfo.InvariantCulture), reply: next.ToString(CultureInfo.InvariantCulture));
    }

    private string Append(List<string> words)
    {
        if (words.Count != 3)
        {
            return Arity("APPEND");
        }

        var existing = string.Empty;
        if (Store.TryGetValue(words[1], out var value))
        {
            if (value is not string text)
            {
                return WrongType();
            }

            existing = text;
        }

        var appended = existing + words[2];
        return CheckRoom(words[1], appended.Length) ?? Put(words[1], appended, reply: appended.Length.ToString(CultureInfo.InvariantCulture));
    }

    private string Push(List<string> words)
    {
        if (words.Count < 3)
        {
            return Arity("LPUSH");
        }

        List<string> items;
        if (Store.TryGetValue(words[1], out var value))
        {
            if (value is not List<string> list)
            {
                return WrongType();
            }

            items = list;
        }
        else
        {
            if (CheckRoom(words[1], 0) is { } full)
            {
                return full;
            }

            items = [];
            Store[words[1]] = items;
        }

        foreach (var item in words.Skip(2))
        {
            if (items.Count >= MaxKeys)
            {
                return "ERR list is full";
            }

            items.Insert(0, item);
        }

        return items.Count.ToString(CultureInfo.InvariantCulture);
    }

    private string Pop(string key)
    {
        if (!Store.TryGetValue(key, out var value))
        {
            return "NIL";
        }

        if (value is not List<string> items)
        {
            return WrongType();
        }

        var first = items[0];
        items.RemoveAt(0);
        if (items.Count == 0)
        {
            Store.Remove(key);
        }

        return Quote(first);
    }

    private string? CheckRoom(string key, int valueLength)
    {
        if (key.Length is 0 or > 64)
        {
            return "ERR invalid key";
        }

        if (valueLength > MaxValue)
        {
            return "ERR value too large";
        }

        return Store.Count >= MaxKeys && !Store.ContainsKey(key) ? "ERR too many keys" : null;
    }

    private string Put(string key, string value, string reply = "OK")
    {
        Store[key] = value;
        return reply;
    }

    private static string Quote(string text) => '"' + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + '"';

    private static string Arity(string name) => "ERR wrong number of arguments for '" + name.ToLowerInvariant() + "' command";

    private static string WrongType() => "WRONGTYPE Operation against a key holding the wrong kind of value";
}
