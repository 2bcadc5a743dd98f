using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Sluice.Definitions.Json;

namespace Sluice.Definitions.Tests.Json;

/// <summary>
/// <see cref="PathStack"/> builds a path's text in one buffer, copying plain member names from the document's bytes:
/// the text must be exactly what <see cref="JsonPaths"/> makes segment by segment, for every kind of name.
/// </summary>
public sealed class PathStackTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(400);

    /// <summary>Member names as written in JSON (escapes included), and the names they read as.</summary>
    private static readonly (string Source, string Name)[] Names =
    [
        ("Arguments", "Arguments"),
        ("S3Uri", "S3Uri"),
        ("Std:Join", "Std:Join"),
        ("a-b_c@$9", "a-b_c@$9"),
        ("with space", "with space"),
        ("it's", "it's"),
        ("back\\\\slash", "back\\slash"),
        ("\\u0041rg", "Arg"),
        ("caf\u00e9", "caf\u00e9"),
        (string.Empty, string.Empty),
        (new string('n', 70), new string('n', 70)),
        ("dot.ted", "dot.ted"),
        ("br[0]", "br[0]"),
    ];

    [Fact]
    public void ToString_RandomPathsAndNames_EqualsJsonPathsSegmentBySegment()
    {
        var segment = Gen.OneOf(
            Gen.Choose(0, Names.Length - 1).Select(i => (Member: i, Index: -1)),
            Gen.Choose(0, 12).Select(i => (Member: -1, Index: i)));
        var cases =
            from root in Gen.Elements(string.Empty, "Arguments", "Arguments.Conditions[0]", "odd name")
            from rootMember in Gen.Choose(-1, Names.Length - 1)
            from segments in Gen.ListOf(segment)
            select (Root: root, RootMember: rootMember, Segments: segments.Take(40).ToList()); // the parser's depth limit is 64

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var json = Nest(c.Segments, 0);
            if (c.RootMember >= 0)
            {
                json = $"{{\"{Names[c.RootMember].Source}\": {json}}}";
            }

            var current = JsonDocument.Parse(json).RootElement;
            PathStack stack;
            string expected;
            if (c.RootMember >= 0)
            {
                var member = current.EnumerateObject().First();
                stack = new PathStack(member);
                expected = Names[c.RootMember].Name; // a member as the root is its name as written, not a path segment
                current = member.Value;
            }
            else
            {
                stack = new PathStack(c.Root);
                expected = c.Root;
            }

            foreach (var (memberIndex, index) in c.Segments)
            {
                if (memberIndex >= 0)
                {
                    var member = current.EnumerateObject().First();
                    stack.Push(member);
                    expected = JsonPaths.Member(expected, Names[memberIndex].Name);
                    current = member.Value;
                }
                else
                {
                    stack.Push(index);
                    expected = JsonPaths.Index(expected, index);
                    current = current[index];
                }
            }

            return stack.ToString() == expected;
        }));
    }

    [Fact]
    public void ToString_PlainMemberNames_AllocatesOnlyTheText()
    {
        var document = JsonDocument.Parse("""{"Arguments": {"ProcessingInputs": [{"S3Input": {"S3Uri": {"Get": "Parameters.In"}}}]}}""");
        var arguments = document.RootElement.EnumerateObject().First();
        var inputs = arguments.Value.EnumerateObject().First();
        var input = inputs.Value[0].EnumerateObject().First();
        var uri = input.Value.EnumerateObject().First();
        var stack = new PathStack(string.Empty);
        stack.Push(arguments);
        stack.Push(inputs);
        stack.Push(0);
        stack.Push(input);
        stack.Push(uri);
        const string Expected = "Arguments.ProcessingInputs[0].S3Input.S3Uri";
        stack.ToString().ShouldBe(Expected);

        // The result string alone: 20 bytes of header and length, two per character, rounded up to 8. Building it
        // segment by segment (a string per name and per step) costs several times that. Least of repeated calls,
        // once optimized code runs (tier-0 code may box what optimized code keeps on the stack).
        var text = (20 + (2 * (Expected.Length + 1)) + 7) / 8 * 8;
        var least = long.MaxValue;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (least > text && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            _ = stack.ToString();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        least.ShouldBeLessThanOrEqualTo(text);
    }

    /// <summary>JSON whose path from the root follows the segments, with the value 1 at the end.</summary>
    private static string Nest(List<(int Member, int Index)> segments, int at)
    {
        if (at == segments.Count)
        {
            return "1";
        }

        var inner = Nest(segments, at + 1);
        var (member, index) = segments[at];
        if (member >= 0)
        {
            return $"{{\"{Names[member].Source}\": {inner}}}";
        }

        var items = new StringBuilder("[");
        for (var i = 0; i <= index; i++)
        {
            items.Append(i == 0 ? string.Empty : ", ").Append(i == index ? inner : "0");
        }

        return items.Append(']').ToString();
    }
}
