using System.Net;
using System.Xml.Linq;
using Sluice.Server.Tests.Support;

namespace Sluice.Server.Tests.Sqs;

/// <summary>SQS's form-encoded query protocol on a real server, as older SDKs and the AWS CLI v2 send it.</summary>
public sealed class SqsQueryProtocolTests
{
    private static readonly XNamespace Ns = "http://queue.amazonaws.com/doc/2012-11-05/";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, XElement Xml)> PostAsync(HttpClient http, Uri url, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await http.PostAsync(url, content, Ct);
        return (response.StatusCode, XElement.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task SendAndReceive_FormWithMessageAttributes_AnswersSqsXmlWithTheirMd5()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        var (_, created) = await PostAsync(http, server.Address, ("Action", "CreateQueue"), ("QueueName", "q"), ("Attribute.1.Name", "VisibilityTimeout"), ("Attribute.1.Value", "45"), ("Version", "2012-11-05"));
        var url = created.Element(Ns + "CreateQueueResult")!.Element(Ns + "QueueUrl")!.Value;

        // Posted to the queue's URL without QueueUrl, as the AWS SDK for Java v1 does.
        var (status, sent) = await PostAsync(http, new Uri(url), ("Action", "SendMessage"), ("MessageBody", "My first message."),
            ("MessageAttribute.1.Name", "PostalCode"), ("MessageAttribute.1.Value.DataType", "String"), ("MessageAttribute.1.Value.StringValue", "ABC123"));
        var (_, received) = await PostAsync(http, server.Address, ("Action", "ReceiveMessage"), ("QueueUrl", url),
            ("MessageAttributeName.1", "All"), ("AttributeName.1", "ApproximateReceiveCount"));
        var (_, attributes) = await PostAsync(http, server.Address, ("Action", "GetQueueAttributes"), ("QueueUrl", url), ("AttributeName.1", "All"));

        status.ShouldBe(HttpStatusCode.OK);
        sent.Name.ShouldBe(Ns + "SendMessageResponse");
        sent.Element(Ns + "SendMessageResult")!.Element(Ns + "MD5OfMessageAttributes")!.Value.ShouldBe("b8e89563a83b6381835710c1e088e74f");
        var message = received.Element(Ns + "ReceiveMessageResult")!.Element(Ns + "Message")!;
        message.Element(Ns + "Body")!.Value.ShouldBe("My first message.");
        var attribute = message.Element(Ns + "MessageAttribute")!;
        (attribute.Element(Ns + "Name")!.Value, attribute.Element(Ns + "Value")!.Element(Ns + "StringValue")!.Value).ShouldBe(("PostalCode", "ABC123"));
        message.Elements(Ns + "Attribute").Select(a => (a.Element(Ns + "Name")!.Value, a.Element(Ns + "Value")!.Value)).ShouldBe([("ApproximateReceiveCount", "1")]);
        Value(attributes, "VisibilityTimeout").ShouldBe("45");
        Value(attributes, "QueueArn").ShouldBe("arn:aws:sqs:us-east-1:000000000000:q");
        Value(attributes, "ApproximateNumberOfMessagesNotVisible").ShouldBe("1");
    }

    [Fact]
    public async Task Errors_UnknownQueueAndBadBatch_AnswerSqsErrorXml()
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();

        var (missingStatus, missing) = await PostAsync(http, server.Address, ("Action", "GetQueueUrl"), ("QueueName", "nope"));
        await PostAsync(http, server.Address, ("Action", "CreateQueue"), ("QueueName", "q"));
        var eleven = Enumerable.Range(1, 11).SelectMany(i => new[] { ($"DeleteMessageBatchRequestEntry.{i}.Id", $"e{i}"), ($"DeleteMessageBatchRequestEntry.{i}.ReceiptHandle", "h") });
        var (tooManyStatus, tooMany) = await PostAsync(http, server.Address, [("Action", "DeleteMessageBatch"), ("QueueUrl", "http://x/000000000000/q"), .. eleven]);
        var (unknownStatus, unknown) = await PostAsync(http, server.Address, ("Action", "Explode"), ("QueueUrl", "http://x/000000000000/q"));

        (missingStatus, Code(missing)).ShouldBe((HttpStatusCode.BadRequest, "AWS.SimpleQueueService.NonExistentQueue"));
        missing.Name.ShouldBe(Ns + "ErrorResponse");
        missing.Element(Ns + "Error")!.Element(Ns + "Type")!.Value.ShouldBe("Sender");
        (tooManyStatus, Code(tooMany)).ShouldBe((HttpStatusCode.BadRequest, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"));
        (unknownStatus, unknown.Name.Namespace).ShouldBe((HttpStatusCode.BadRequest, Ns));
        Code(unknown).ShouldBe("InvalidAction");
    }

    [Theory]
    [InlineData("MessageAttribute.x.Name", "a")]
    [InlineData("MessageAttribute.0.Name", "a")]
    [InlineData("MessageAttribute.99999999999.Name", "a")]
    [InlineData("MessageBody.Extra", "a")]
    [InlineData("MessageAttribute.1.Value", "not a group")]
    public async Task SendMessage_HostileFormFields_AnswerClientErrorsNotFaults(string name, string value)
    {
        await using var server = await ServerHarness.StartAsync();
        using var http = new HttpClient();
        await PostAsync(http, server.Address, ("Action", "CreateQueue"), ("QueueName", "q"));

        var (status, error) = await PostAsync(http, server.Address, ("Action", "SendMessage"), ("QueueUrl", "http://x/000000000000/q"), ("MessageBody", "m"), (name, value));

        ((int)status).ShouldBeInRange(400, 499);
        error.Name.ShouldBe(Ns + "ErrorResponse");
    }

    private static string Code(XElement error) => error.Element(Ns + "Error")!.Element(Ns + "Code")!.Value;

    private static string Value(XElement response, string name) =>
        response.Descendants(Ns + "Attribute").Single(a => a.Element(Ns + "Name")!.Value == name).Element(Ns + "Value")!.Value;
}
