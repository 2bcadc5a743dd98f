using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sluice.Server.Tests.Hosting.Fuzz;

/// <summary>
/// JSON values, as raw UTF-8, that a careless server trips on: wrong types, numbers past every range, text that is not
/// Unicode, strings far past any limit, nesting past the parser's depth, tokens and ARNs that decode to nonsense.
/// None is a number from 1 to 20, so no ReceiveMessage waits for messages.
/// </summary>
internal static class HostileValues
{
    private static readonly string[] Numbers =
    [
        "-1", "0", "-0", "0.5", "-0.0", "1.5e3", "1e20", "-1e20", "1e400", "-1e400", "1E-400", "4.9e-324", "1.7976931348623157e308",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "99999999999999999999999999999999999999", "0.000000000000000000000000000001", "42", "43201", "262145",
    ];

    private static readonly string[] WrongTypes = ["true", "false", "null", "[]", "{}", "[1,\"a\",null]", "{\"a\":{\"b\":[]}}", "\"\"", "\"text\"", "[{}]"];

    private static readonly string[] NotText =
    [
        "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud83d\"", "\"\\ud83dx\"", "\"\\ude00\\ud83d\"", "\"\\ud800\\ud800\"", "\"\\uDBFF\\n\"", "\"x\\\\\\ud800\"",
    ];

    private static readonly byte[][] NotUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly string[] Texts =
    [
        "", " ", "\\u0000", "nul\\u0000inside", "\\u2028\\u2029", "😀", "caf\\u00e9", "\\u202Eright-to-left", "../../../etc/passwd", "s3://bucket/../../x",
        "' OR 1=1 --", "\\\"quoted\\\"", "%00%ff", "${jndi:ldap://127.0.0.1/x}", "\\t\\r\\n", "a b", "-", "UPPER", "null", "[]",
        "arn:aws:sagemaker:us-east-1:000000000000:pipeline/", "arn:aws:sagemaker:us-east-1:000000000000:pipeline/kept-a/execution/",
        "arn:aws:sagemaker:us-east-1:000000000000:pipeline/kept-a/execution/../../x", "arn:::::", ":pipeline/:pipeline/", "arn:aws:sqs:us-east-1:0:q",
        "arn:aws:sagemaker:us-east-1:000000000000:model-package/", "arn:aws:sagemaker:us-east-1:000000000000:model-package/group/99999999999999999999",
        "arn:aws:sagemaker:us-east-1:000000000000:model-package/group/-1", "arn:aws:sagemaker:us-east-1:000000000000:model-package-group/",
        "http://127.0.0.1/", "http://127.0.0.1/000000000000/", "http://127.0.0.1/000000000000/nope", "/", "//", "?", "#", "http://[::1", "http://%zz/",
        "99999999999999999999", "-1", "NaN", "Infinity", "-0", "1.5", "0x10",
        "2020-02-30T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "-0001-01-01", "1e400",
    ];

    private static readonly string[] DecodedTokens =
    [
        "99999999999", "2147483647", "2147483648", "-1", "-2147483648", "1e5", "0x10", " 7", "", "e1:CA:99999999999999999999999:x", "e1:CA:-1:x",
        "e1:CA:0:", "e1:XX:0:arn", "e1:CA:3155378975999999999:arn", "e1:CA:3155378976000000000:arn", "e1", "::::", "e1:CD:1:arn:with:colons",
    ];

    /// <summary>A hostile value for any member.</summary>
    public static byte[] Any(Random random) => random.Next(9) switch
    {
        0 => Ascii(random.GetItems(Numbers, 1)[0]),
        1 => Ascii(random.GetItems(WrongTypes, 1)[0]),
        2 => Ascii(random.GetItems(NotText, 1)[0]),
        3 => NotUtf8String(random),
        4 => Long(random),
        5 => Deep(random),
        6 => Token(random),
        _ => Ascii("\"" + random.GetItems(Texts, 1)[0] + "\""),
    };

    /// <summary>
    /// A hostile value of the same JSON kind as <paramref name="current"/> (half the time), to get past the type check
    /// and into the range, pattern and handler checks; otherwise any hostile value.
    /// </summary>
    public static byte[] Like(JsonValueKind current, Random random) => (current, random.Next(8)) switch
    {
        (JsonValueKind.Number, < 4) => Ascii(random.GetItems(Numbers, 1)[0]),
        (JsonValueKind.String, 0) => Long(random),
        (JsonValueKind.String, 1) => Token(random),
        (JsonValueKind.String, 2 or 3) => Ascii("\"" + random.GetItems(Texts, 1)[0] + "\""),
        _ => Any(random),
    };

    /// <summary>A string holding bytes that are not UTF-8, between ordinary characters.</summary>
    public static byte[] NotUtf8String(Random random) => [.. "\"a"u8, .. random.GetItems(NotUtf8, 1)[0], .. "b\""u8];

    /// <summary>A member name that is not text, or that repeats a member (a duplicate), as a quoted JSON string.</summary>
    public static byte[] Name(Random random, IReadOnlyList<string> existing) => random.Next(3) switch
    {
        0 when existing.Count > 0 => Ascii("\"" + existing[random.Next(existing.Count)] + "\""),
        1 => Ascii(random.GetItems(NotText, 1)[0]),
        _ => NotUtf8String(random),
    };

    /// <summary>A body that is not an object of members at all.</summary>
    public static byte[] Body(Random random) => random.Next(12) switch
    {
        0 => [],
        1 => "null"u8.ToArray(),
        2 => "[]"u8.ToArray(),
        3 => "\"a string\""u8.ToArray(),
        4 => "12345"u8.ToArray(),
        5 => "{"u8.ToArray(),
        6 => "{\"a\":1,}"u8.ToArray(),
        7 => "{/* comment */}"u8.ToArray(),
        8 => "{} {}"u8.ToArray(),
        9 => Deep(random),
        _ => Random(random),
    };

    /// <summary>Chunked framing that is broken: a size that is not hex, past any number, or data without its CRLF.</summary>
    public static byte[] BrokenChunks(Random random) => random.Next(5) switch
    {
        0 => "ZZ\r\n{}\r\n0\r\n\r\n"u8.ToArray(),
        1 => "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"u8.ToArray(),
        2 => "2\r\n{}XX0\r\n\r\n"u8.ToArray(),
        3 => "-2\r\n{}\r\n0\r\n\r\n"u8.ToArray(),
        _ => "2;\x01\r\n{}\r\n0\r\n\r\n"u8.ToArray(),
    };

    private static byte[] Long(Random random)
    {
        // Lengths just past the model's limits, and a few far past them (a megabyte, past PipelineDefinition's limit).
        int[] lengths = [64, 257, 1025, 2049, 3073, 8193, 70_000, 262_145];
        var length = random.Next(40) == 0 ? 1_048_577 : lengths[random.Next(lengths.Length)];
        var text = new byte[length + 2];
        text.AsSpan().Fill(random.Next(2) == 0 ? (byte)'a' : (byte)' ');
        text[0] = text[^1] = (byte)'"';
        return text;
    }

    private static byte[] Deep(Random random)
    {
        int[] depths = [10, 63, 64, 65, 200, 5000];
        var depth = depths[random.Next(depths.Length)];
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{\"a\":", "}");
        return Ascii(string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
    }

    private static byte[] Token(Random random)
    {
        var decoded = random.Next(3) == 0 ? RandomText(random) : random.GetItems(DecodedTokens, 1)[0];
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(decoded));
        return Ascii("\"" + (random.Next(5) == 0 ? token.TrimEnd('=') + "!" : token) + "\"");
    }

    private static string RandomText(Random random)
    {
        var bytes = new byte[random.Next(1, 64)];
        random.NextBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    private static byte[] Random(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Ascii(string text) => Encoding.UTF8.GetBytes(text);
}
