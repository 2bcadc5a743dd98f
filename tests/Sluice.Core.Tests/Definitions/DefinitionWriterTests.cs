using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions;

namespace Sluice.Definitions.Tests;

public sealed class DefinitionWriterTests
{
    [Theory]
    [InlineData(6.0, "6.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456789012345680.0, "1.2345678901234568e+17")]
    [InlineData(3500.0, "3500.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    public void PythonFloat_Double_FormatsAsPythonRepr(double value, string expected) =>
        DefinitionWriter.PythonFloat(value).ShouldBe(expected);

    [Fact]
    public void Write_SdkFormat_UsesPythonSeparatorsAndEscapes()
    {
        var node = new JsonObject
        {
            ["a"] = new JsonArray(1, "x"),
            ["s"] = "é \"q\" \\ \n\t\u0001 ~\u007f</>",
            ["e"] = new JsonObject(),
            ["l"] = new JsonArray(),
        };

        DefinitionWriter.Write(node).ShouldBe(
            "{\"a\": [1, \"x\"], \"s\": \"\\u00e9 \\\"q\\\" \\\\ \\n\\t\\u0001 ~\\u007f</>\", \"e\": {}, \"l\": []}");
    }

    [Fact]
    public void Write_NumbersReadFromText_KeepTheirSpelling()
    {
        var read = DefinitionReader.Read("""{"Version": "2020-12-01", "Metadata": {}, "X": [1.50, 1e5, -0, 6.0], "Steps": []}""");

        DefinitionWriter.Write(read.Definition!).ShouldBe("""{"Version": "2020-12-01", "Metadata": {}, "X": [1.50, 1e5, -0, 6.0], "Steps": []}""");
    }

    [Fact]
    public void Write_Indented_IsReadableAndReadsBackEqual()
    {
        var text = DefinitionWriter.Write(Support.TestDefinitions.Pipeline(), DefinitionFormat.Indented);

        text.ShouldStartWith("{\n  \"Version\": \"2020-12-01\",\n  \"Metadata\": {},\n  \"Parameters\": [\n    {\n");
        JsonNode.DeepEquals(JsonNode.Parse(text), Support.TestDefinitions.Pipeline()).ShouldBeTrue();
    }

    [Fact]
    public void Write_RandomDocument_RoundTripsStablyAndLosesNothing()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Documents().ToArbitrary(), document =>
        {
            var once = DefinitionWriter.Write(DefinitionReader.Read(document.ToJsonString()).Definition!);
            var twice = DefinitionWriter.Write(DefinitionReader.Read(once).Definition!);
            var indented = DefinitionWriter.Write(DefinitionReader.Read(once).Definition!, DefinitionFormat.Indented);
            return once == twice
                && JsonNode.DeepEquals(JsonNode.Parse(once), document)
                && DefinitionWriter.Write(DefinitionReader.Read(indented).Definition!) == once;
        }));
    }

    [Fact]
    public void Write_RandomDocument_MatchesPythonJsonDumps()
    {
        var documents = Gen.Sample(Documents(), 60).ToList();
        var texts = documents.Select(d => DefinitionWriter.Write(d)).ToList();

        var python = RunPython(
            "import json,sys\nfor line in sys.stdin.read().split('\\x1e'):\n    print(json.dumps(json.loads(line)) == line)\n",
            string.Join('\u001e', texts));

        python.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line == "True", python);
    }

    /// <summary>Random definition-shaped documents with unknown members, unicode, control characters and numbers.</summary>
    private static Gen<JsonObject> Documents()
    {
        var text = Gen.Elements("", "a", "é", "日本", "😀", "\n\t\u0002", "\"q\"", "back\\slash", "s3://b/k", "~\u007f")
            .ListOf().Select(parts => string.Concat(parts));
        var number = Gen.OneOf(
            Gen.Choose(-1000, 1000).Select(i => (JsonNode)JsonValue.Create(i)),
            Gen.Elements(0.5, 6.0, 1e-7, 2.5e20, -3.25, 1.0 / 3).Select(d => (JsonNode)JsonValue.Create(d)));
        var leaf = Gen.OneOf(
            text.Select(s => (JsonNode?)JsonValue.Create(s)),
            number.Select(n => (JsonNode?)n),
            Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false), null));
        var members = Gen.Zip(text.Where(s => s.Length > 0), leaf).ListOf()
            .Select(pairs =>
            {
                var obj = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    obj[key] = value?.DeepClone();
                }

                return obj;
            });
        return from extra in members
               from argumentExtra in members
               from name in Gen.Elements("A", "B-1", "c_2")
               select new JsonObject
               {
                   ["Version"] = "2020-12-01",
                   ["Metadata"] = new JsonObject(),
                   ["Parameters"] = new JsonArray(),
                   ["Steps"] = new JsonArray(new JsonObject
                   {
                       ["Name"] = name,
                       ["Type"] = "Lambda",
                       ["FunctionArn"] = "f",
                       ["Arguments"] = argumentExtra,
                       ["Extra"] = extra,
                   }),
               };
    }

    private static string RunPython(string script, string input)
    {
        var start = new ProcessStartInfo("python3", ["-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
