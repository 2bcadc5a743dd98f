using System.Text.Json;
using Sluice.Server.Api;
using Sluice.Server.Sqs;

namespace Sluice.Server.Tests.Sqs;

/// <summary>MD5OfMessageAttributes as SQS computes it, against the digests SQS published in its CLI examples.</summary>
public sealed class MessageAttributesTests
{
    private static SortedDictionary<string, MessageAttribute> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return MessageAttributes.Read(document.RootElement.Clone());
    }

    [Fact]
    public void Md5_SqsDocumentedExample_MatchesThePublishedDigest()
    {
        // `aws sqs receive-message` documentation: PostalCode alone gives b8e89563...e088e74f, with City 9424c491...26bc3ae7.
        var postal = Read("""{"PostalCode":{"DataType":"String","StringValue":"ABC123"}}""");
        var both = Read("""{"PostalCode":{"DataType":"String","StringValue":"ABC123"},"City":{"DataType":"String","StringValue":"Any City"}}""");

        MessageAttributes.Md5(postal).ShouldBe("b8e89563a83b6381835710c1e088e74f");
        MessageAttributes.Md5(both).ShouldBe("9424c491ff2bbec06ecbc9d226bc3ae7");
        MessageAttributes.Md5(Read("{}")).ShouldBeNull();
    }

    [Fact]
    public void Md5_BinaryAttribute_UsesTransportByteTwoAndTheDecodedBytes()
    {
        var binary = Read("""{"B":{"DataType":"Binary","BinaryValue":"AAE="}}""");
        var text = Read("""{"B":{"DataType":"String","StringValue":"AAE="}}""");

        MessageAttributes.Md5(binary).ShouldNotBe(MessageAttributes.Md5(text));
        MessageAttributes.FromJson(MessageAttributes.ToJson(binary))["B"].BinaryValue.ShouldBe(new byte[] { 0, 1 });
    }

    [Theory]
    [InlineData("""{"AWS.reserved":{"DataType":"String","StringValue":"x"}}""", "AWS.reserved")]
    [InlineData("""{"a..b":{"DataType":"String","StringValue":"x"}}""", "a..b")]
    [InlineData("""{"n":{"DataType":"Number","StringValue":"ten"}}""", "n.StringValue")]
    [InlineData("""{"s":{"DataType":"Text","StringValue":"x"}}""", "s.DataType")]
    [InlineData("""{"s":{"DataType":"String"}}""", "StringValue")]
    [InlineData("""{"b":{"DataType":"Binary","BinaryValue":"!!"}}""", "b.BinaryValue")]
    public void Read_InvalidAttribute_NamesTheFieldInInvalidParameterValue(string json, string named)
    {
        var error = Should.Throw<ApiException>(() => Read(json));

        error.Code.ShouldBe("InvalidParameterValue");
        error.Message.ShouldContain(named);
    }

    [Fact]
    public void Select_PrefixAndAll_ChooseAsSqsDoes()
    {
        var attributes = Read("""{"a.x":{"DataType":"String","StringValue":"1"},"a.y":{"DataType":"String","StringValue":"2"},"b":{"DataType":"String","StringValue":"3"}}""");

        MessageAttributes.Select(attributes, ["a.*"]).Keys.ShouldBe(["a.x", "a.y"]);
        MessageAttributes.Select(attributes, ["All"]).Count.ShouldBe(3);
        MessageAttributes.Select(attributes, ["b"]).Keys.ShouldBe(["b"]);
        MessageAttributes.Select(attributes, []).ShouldBeEmpty();
    }
}
