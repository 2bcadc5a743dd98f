using System.Net;
using System.Text;
using System.Text.Json;

namespace Sluice.Cli.Tests.Server;

/// <summary>
/// Two real servers on one database receiving the same request at the same instant act once, as one SageMaker would:
/// the same ClientRequestToken gets the first answer from both, and racing writes with different tokens have one winner.
/// </summary>
public sealed partial class ServeFailoverTests
{
    [Fact]
    public async Task Serve_SameClientRequestTokenOnTwoServersAtOnce_ActsOnceAndBothAnswerTheFirstAnswer()
    {
        var (_, urlA) = await StartAsync("a");
        var (_, urlB) = await StartAsync("b");
        for (var round = 0; round < 8; round++)
        {
            var create = $$"""{"PipelineName": "p{{round}}", "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "{{Guid.NewGuid()}}", "PipelineDefinition": {{JsonSerializer.Serialize(Definition)}}}""";
            var created = await BothAsync(urlA, urlB, "CreatePipeline", create);
            created.A.ShouldBe((HttpStatusCode.OK, created.B.Text));

            var start = $$"""{"PipelineName": "p{{round}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""";
            var started = await BothAsync(urlA, urlB, "StartPipelineExecution", start);
            started.A.ShouldBe((HttpStatusCode.OK, started.B.Text));
            var arn = Field(started.A.Text, "PipelineExecutionArn");

            var token = await TokenAsync(urlA, arn);
            var answer = $$"""{"CallbackToken": "{{token}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""";
            var answered = await BothAsync(urlA, urlB, "SendPipelineExecutionStepSuccess", answer);
            answered.A.ShouldBe((HttpStatusCode.OK, answered.B.Text));
            (await UntilEndedAsync(urlB, arn, TimeSpan.FromSeconds(20))).ShouldBe("Succeeded");

            var again = $$"""{"PipelineName": "p{{round}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""";
            var stopArn = Field(await CallAsync(urlA, "StartPipelineExecution", again), "PipelineExecutionArn");
            var stop = $$"""{"PipelineExecutionArn": "{{stopArn}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}""";
            var stopped = await BothAsync(urlA, urlB, "StopPipelineExecution", stop);
            stopped.A.ShouldBe((HttpStatusCode.OK, stopped.B.Text));
        }

        (await ScalarAsync("SELECT COUNT(*) FROM pipelines")).ShouldBe(8L);
        (await ScalarAsync("SELECT COUNT(*) FROM executions")).ShouldBe(16L); // one Start per token, not two
        (await ScalarAsync("SELECT COUNT(*) FROM callbacks WHERE status = 'Succeeded'")).ShouldBe(8L);
        (await ScalarAsync("SELECT COUNT(*) FROM client_tokens WHERE response_body IS NULL")).ShouldBe(0L); // no claim left pending
    }

    [Fact]
    public async Task Serve_RacingWritesWithDifferentTokensOnTwoServers_HaveOneWinner()
    {
        var (_, urlA) = await StartAsync("a");
        var (_, urlB) = await StartAsync("b");
        for (var round = 0; round < 6; round++)
        {
            var create = $$"""{"PipelineName": "p{{round}}", "RoleArn": "arn:aws:iam::111122223333:role/R", "PipelineDefinition": {{JsonSerializer.Serialize(Definition)}}}""";
            var created = await BothAsync(urlA, urlB, "CreatePipeline", create, distinctTokens: true);
            new[] { created.A.Status, created.B.Status }.Count(s => s == HttpStatusCode.OK).ShouldBe(1, created.A.Text + created.B.Text);

            var arn = Field(await CallAsync(urlA, "StartPipelineExecution", $$"""{"PipelineName": "p{{round}}", "ClientRequestToken": "{{Guid.NewGuid()}}"}"""), "PipelineExecutionArn");
            var token = await TokenAsync(urlB, arn);
            var answered = await BothAsync(urlA, urlB, "SendPipelineExecutionStepSuccess", $$"""{"CallbackToken": "{{token}}"}""", distinctTokens: true);
            new[] { answered.A.Status, answered.B.Status }.Count(s => s == HttpStatusCode.OK).ShouldBe(1, answered.A.Text + answered.B.Text);
            (answered.A.Status == HttpStatusCode.OK ? answered.B.Text : answered.A.Text).ShouldContain("ConflictException");
            (await UntilEndedAsync(urlA, arn, TimeSpan.FromSeconds(20))).ShouldBe("Succeeded");
        }

        (await ScalarAsync("SELECT COUNT(*) FROM pipelines")).ShouldBe(6L);
    }

    /// <summary>Sends one request to both servers at the same instant.</summary>
    /// <param name="distinctTokens">Whether each server gets a ClientRequestToken of its own (two clients) instead of the same body.</param>
    private async Task<((HttpStatusCode Status, string Text) A, (HttpStatusCode Status, string Text) B)> BothAsync(
        string urlA, string urlB, string operation, string body, bool distinctTokens = false)
    {
        string Body() => distinctTokens ? body[..^1] + $", \"ClientRequestToken\": \"{Guid.NewGuid()}\"}}" : body;
        var (bodyA, bodyB) = (Body(), Body());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = Task.Run(async () => { await gate.Task; return await SendAsync(urlA, operation, bodyA); }, Ct);
        var b = Task.Run(async () => { await gate.Task; return await SendAsync(urlB, operation, bodyB); }, Ct);
        gate.SetResult();
        return (await a, await b);
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(string url, string operation, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        content.Headers.Add("X-Amz-Target", "SageMaker." + operation);
        using var response = await _http.PostAsync(new Uri(url + "/"), content, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
