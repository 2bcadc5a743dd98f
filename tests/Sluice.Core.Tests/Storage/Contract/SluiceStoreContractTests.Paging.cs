using FsCheck;
using FsCheck.Fluent;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>
/// Pages of executions read in the store, against an in-memory reference: the whole list filtered, ordered and cut
/// into pages, as ListPipelineExecutions did before it paged in SQL (for the creation-time order, the reference is
/// that old path itself: <see cref="IExecutionReader.ListExecutionsAsync"/>, reversed for ascending).
/// </summary>
public abstract partial class SluiceStoreContractTests
{
    private static readonly Config PagingRuns = Config.QuickThrowOnFailure.WithMaxTest(150);

    private int pagingCase;

    [Fact]
    public async Task ListExecutionsPageAsync_RandomExecutionsAndQueries_ReadsExactlyTheReferencePages()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("other"), Ct);
        await Store.CreateExecutionAsync(NewExecution("other", "x", T0.AddSeconds(2)), Ct); // never in a page of another pipeline

        // On the thread pool: the property is synchronous and the store's calls are awaited inside it.
        await Task.Run(() => Check.One(PagingRuns, Prop.ForAll(PagingCases().ToArbitrary(), scenario =>
            PagesMatchAsync(scenario).GetAwaiter().GetResult())), Ct);
    }

    [Fact]
    public async Task ListExecutionsPageAsync_NoSuchPipeline_ReturnsNull()
    {
        await Store.CreateExecutionAsync(NewExecution("ghost", "e1"), Ct);

        (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("ghost"), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListExecutionsPageAsync_PipelineWithoutExecutions_ReturnsAnEmptyLastPage()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        var page = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull();

        page.Executions.ShouldBeEmpty();
        page.HasMore.ShouldBeFalse();
    }

    [Fact]
    public async Task ListExecutionsPageAsync_ExecutionStartedBetweenPages_DoesNotShiftTheNextPage()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        for (var i = 0; i < 4; i++)
        {
            await Store.CreateExecutionAsync(NewExecution("p", $"e{i}", T0.AddSeconds(i)), Ct);
        }

        var first = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p") { Limit = 2 }, Ct)).ShouldNotBeNull();
        await Store.CreateExecutionAsync(NewExecution("p", "newer", T0.AddHours(1)), Ct);
        var last = first.Executions[^1];
        var second = (await Store.ListExecutionsPageAsync(
            new ExecutionPageQuery("p") { Limit = 2, After = new ExecutionCursor(last.CreationTime, last.Arn) }, Ct)).ShouldNotBeNull();

        first.Executions.Select(e => e.Arn).ShouldBe([ExecutionArn("p", "e3"), ExecutionArn("p", "e2")]);
        second.Executions.Select(e => e.Arn).ShouldBe([ExecutionArn("p", "e1"), ExecutionArn("p", "e0")]);
        second.HasMore.ShouldBeFalse();
    }

    [Fact]
    public async Task ListExecutionsPageAsync_Summary_CarriesTheListedFields()
    {
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);
        var execution = NewExecution("p", "e1", T0.AddTicks(1_234_567), ExecutionStatus.Failed) with
        {
            DisplayName = "shown",
            Description = "described",
            FailureReason = "boom",
        };
        await Store.CreateExecutionAsync(execution, Ct);

        var page = (await Store.ListExecutionsPageAsync(new ExecutionPageQuery("p"), Ct)).ShouldNotBeNull();

        page.Executions.ShouldHaveSingleItem().ShouldBe(
            new ExecutionSummary(execution.Arn, ExecutionStatus.Failed, execution.CreationTime, "shown", "described", "boom"));
    }

    [Fact]
    public async Task GetLastExecutionTimeAsync_SomeExecutions_ReturnsTheNewestCreationTime()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "e1", T0.AddSeconds(5)), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "e2", T0.AddSeconds(9).AddTicks(3)), Ct);
        await Store.CreateExecutionAsync(NewExecution("q", "e3", T0.AddDays(1)), Ct);

        (await Store.GetLastExecutionTimeAsync("p", Ct)).ShouldBe(T0.AddSeconds(9).AddTicks(3));
        (await Store.GetLastExecutionTimeAsync("none", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task GetLastExecutionPerVersionAsync_ExecutionsOfTwoVersions_ReturnsTheNewestOfEach()
    {
        await Store.CreateExecutionAsync(NewExecution("p", "old1", T0), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "b-new1", T0.AddSeconds(1)), Ct);
        await Store.CreateExecutionAsync(NewExecution("p", "a-new1", T0.AddSeconds(1)), Ct); // same time: lower ARN is newer
        await Store.CreateExecutionAsync(NewExecution("p", "v2", T0.AddSeconds(-1)) with { PipelineVersion = 2 }, Ct);

        var last = await Store.GetLastExecutionPerVersionAsync("p", Ct);

        last.ShouldBe(new Dictionary<long, string> { [1] = ExecutionArn("p", "a-new1"), [2] = ExecutionArn("p", "v2") });
    }

    /// <summary>Stores the scenario's executions under a pipeline of its own, then walks every page and compares.</summary>
    private async Task<bool> PagesMatchAsync(PagingScenario scenario)
    {
        var pipeline = $"p{Interlocked.Increment(ref pagingCase)}";
        await Store.AddPipelineVersionAsync(NewPipeline(pipeline), Ct);
        foreach (var (id, time) in scenario.Executions)
        {
            await Store.CreateExecutionAsync(NewExecution(pipeline, id, time), Ct);
        }

        var query = scenario.Query with { PipelineName = pipeline };
        var expected = Reference(await Store.ListExecutionsAsync(pipeline, Ct), query).Chunk(query.Limit).ToList();
        if (query is { SortBy: ExecutionSortBy.CreationTime, CreatedAfter: null, CreatedBefore: null })
        {
            // The old path: the whole list newest first, reversed for ascending, then cut by offset.
            var old = (await Store.ListExecutionsAsync(pipeline, Ct)).Select(e => e.Arn).ToList();
            if (query.Ascending)
            {
                old.Reverse();
            }

            expected.SelectMany(page => page).ShouldBe(old, scenario.ToString());
        }

        var pages = new List<ExecutionPage>();
        ExecutionCursor? cursor = null;
        while (true)
        {
            var page = (await Store.ListExecutionsPageAsync(query with { After = cursor }, Ct)).ShouldNotBeNull();
            pages.Add(page);
            if (!page.HasMore)
            {
                break;
            }

            page.Executions.ShouldNotBeEmpty();
            cursor = new ExecutionCursor(page.Executions[^1].CreationTime, page.Executions[^1].Arn);
            pages.Count.ShouldBeLessThan(100, scenario.ToString());
        }

        if (expected.Count == 0)
        {
            pages.ShouldHaveSingleItem().Executions.ShouldBeEmpty(scenario.ToString());
            return true;
        }

        pages.Count.ShouldBe(expected.Count, scenario.ToString());
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].Executions.Select(e => e.Arn).ShouldBe(expected[i], $"page {i} of {scenario}");
        }

        return true;
    }

    /// <summary>The reference: every execution in memory, filtered (both bounds exclusive) and ordered.</summary>
    private static IEnumerable<string> Reference(IEnumerable<ExecutionRecord> all, ExecutionPageQuery query)
    {
        var kept = all.Where(e => (query.CreatedAfter is not { } after || e.CreationTime > after)
            && (query.CreatedBefore is not { } before || e.CreationTime < before)).ToList();
        var ordered = query.SortBy == ExecutionSortBy.CreationTime
            ? kept.OrderByDescending(e => e.CreationTime).ThenBy(e => e.Arn, StringComparer.Ordinal).ToList()
            : kept.OrderBy(e => e.Arn, StringComparer.Ordinal).ToList();
        if (query.Ascending != (query.SortBy == ExecutionSortBy.PipelineExecutionArn))
        {
            ordered.Reverse();
        }

        return ordered.Select(e => e.Arn);
    }

    /// <summary>
    /// Up to 30 executions at a few distinct moments (so ties are common, some a tick apart), with random distinct
    /// ids, and a random query: order, direction, optional bounds near those moments, page size 1 to 7.
    /// </summary>
    private static Gen<PagingScenario> PagingCases()
    {
        var moments = Gen.Elements(0L, 1L, TimeSpan.TicksPerSecond, TimeSpan.TicksPerSecond + 1, 2 * TimeSpan.TicksPerSecond, 3 * TimeSpan.TicksPerSecond)
            .Select(ticks => T0.AddTicks(ticks));
        var bound = Gen.Frequency(
            (2, Gen.Constant<DateTimeOffset?>(null)),
            (1, moments.Select(m => (DateTimeOffset?)m)),
            (1, moments.Select(m => (DateTimeOffset?)m.AddTicks(-1))));
        return from count in Gen.Choose(0, 30)
               from ids in Gen.ListOf(Ids(), count)
               from times in Gen.ListOf(moments, count)
               from sortBy in Gen.Elements(ExecutionSortBy.CreationTime, ExecutionSortBy.PipelineExecutionArn)
               from upwards in Gen.Elements(true, false)
               from after in bound
               from before in bound
               from limit in Gen.Choose(1, 7)
               let executions = ids.Zip(times).DistinctBy(pair => pair.First).ToList()
               select new PagingScenario(
                   executions,
                   new ExecutionPageQuery("unset")
                   {
                       SortBy = sortBy,
                       Ascending = upwards,
                       CreatedAfter = after,
                       CreatedBefore = before,
                       Limit = limit,
                   });
    }

    private static Gen<string> Ids() =>
        from length in Gen.Choose(1, 4)
        from chars in Gen.ArrayOf(Gen.Elements('a', 'b', 'c', 'z', '0', '9', '-'), length)
        select new string(chars);

    /// <summary>A paging scenario: executions (id, creation time) and the query, without its pipeline.</summary>
    public sealed record PagingScenario(IReadOnlyList<(string Id, DateTimeOffset Time)> Executions, ExecutionPageQuery Query)
    {
        public override string ToString() =>
            $"{Query.SortBy} {(Query.Ascending ? "asc" : "desc")} after={Query.CreatedAfter?.Ticks - T0.Ticks} before={Query.CreatedBefore?.Ticks - T0.Ticks} " +
            $"limit={Query.Limit}: {string.Join(", ", Executions.Select(e => $"{e.Id}@{e.Time.Ticks - T0.Ticks}"))}";
    }
}
