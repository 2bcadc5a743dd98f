using System.Collections.Concurrent;
using Sluice.Core.Execution;
using Sluice.Core.Storage;
using static Sluice.Core.Tests.Storage.StoreTestData;

namespace Sluice.Core.Tests.Storage.Contract;

/// <summary>Many tasks, and two store instances on one file (as two processes would be), at once.</summary>
public abstract partial class SluiceStoreContractTests
{
    [Fact]
    public async Task ReceiveMessagesAsync_EightConcurrentReceivers_ReceiveEveryMessageExactlyOnce()
    {
        var sent = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            sent.Add(await Store.SendMessageAsync("q", $"m{i}", T0, Ct));
        }

        var received = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DrainAsync(Store, received))));

        received.Order().ShouldBe(sent.Order());
        (await Store.CountMessagesAsync("q", T0, Ct)).ShouldBe(new QueueCounts(0, 200));
    }

    [Fact]
    public async Task ReceiveMessagesAsync_ReceiversOnTwoStoresOfOneFile_ReceiveEveryMessageExactlyOnce()
    {
        var other = await OpenStoreAsync();
        var sent = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            sent.Add(await Store.SendMessageAsync("q", $"m{i}", T0, Ct));
        }

        var received = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => DrainAsync(i % 2 == 0 ? Store : other, received))));

        received.Order().ShouldBe(sent.Order());
    }

    [Fact]
    public async Task SaveStepsAsync_FiftyConcurrentBatches_StoresEveryStep()
    {
        var executions = Enumerable.Range(0, 50).Select(i => NewExecution("p", $"e{i:D2}", T0.AddSeconds(i))).ToList();
        foreach (var execution in executions)
        {
            await Store.CreateExecutionAsync(execution, Ct);
        }

        await Task.WhenAll(executions.Select(execution => Task.Run(async () =>
        {
            for (var round = 0; round < 3; round++)
            {
                var batch = Enumerable.Range(0, 5)
                    .Select(s => NewStep(execution.Arn, $"S{s}", T0.AddSeconds(s)) with { AttemptCount = round + 1 })
                    .ToList();
                await Store.SaveStepsAsync(batch, Ct);
                _ = await Store.ListStepsAsync(execution.Arn, Ct);
            }
        })));

        foreach (var execution in executions)
        {
            var steps = await Store.ListStepsAsync(execution.Arn, Ct);
            steps.Select(s => s.StepName).ShouldBe(["S0", "S1", "S2", "S3", "S4"]);
            steps.ShouldAllBe(s => s.AttemptCount == 3);
        }
    }

    [Fact]
    public async Task ConcurrentWritesAndReads_TwoStoresOfOneFile_AllSucceed()
    {
        var other = await OpenStoreAsync();
        await Store.AddPipelineVersionAsync(NewPipeline("p"), Ct);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var writer = i % 2 == 0 ? Store : other;
            var execution = NewExecution("p", $"e{i:D2}", T0.AddSeconds(i));
            await writer.CreateExecutionAsync(execution, Ct);
            await writer.SaveStepsAsync([NewStep(execution.Arn, "A")], Ct);
            await writer.UpdateExecutionAsync(execution with { Status = ExecutionStatus.Succeeded }, Ct);
            await writer.AddPipelineVersionAsync(NewPipeline("p"), Ct);
            _ = await (i % 2 == 0 ? other : Store).ListExecutionsAsync("p", Ct);
        })));

        (await other.ListExecutionsAsync("p", Ct)).Count.ShouldBe(40);
        (await Store.ListUnfinishedExecutionsAsync(Ct)).ShouldBeEmpty();
        (await other.ListPipelineVersionsAsync("p", Ct)).Select(p => p.Version).ShouldBe(Enumerable.Range(1, 41).Select(v => (long)v));
    }

    [Fact]
    public async Task CompleteCallbackAsync_ConcurrentAnswersFromTwoStores_ExactlyOneWins()
    {
        var other = await OpenStoreAsync();
        await Store.CreateCallbackAsync(NewCallback("tok", await CreateExecutionAsync()), Ct);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Store : other).CompleteCallbackAsync("tok", CallbackStatus.Succeeded, $"[{i}]", null, Ct))));

        var winner = answers.Where(a => a is not null).ShouldHaveSingleItem().ShouldNotBeNull();
        (await Store.GetCallbackAsync("tok", Ct)).ShouldBe(winner);
    }

    private static async Task DrainAsync(ISluiceStore receiver, ConcurrentBag<string> received)
    {
        while (true)
        {
            var batch = await receiver.ReceiveMessagesAsync("q", 7, TimeSpan.FromHours(1), T0, Ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var message in batch)
            {
                received.Add(message.MessageId);
            }
        }
    }
}
