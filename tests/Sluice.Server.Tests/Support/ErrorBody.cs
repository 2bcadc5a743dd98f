using System.Text.Json;

namespace Sluice.Server.Tests.Support;

/// <summary>Reads an AWS JSON error answer: <c>{"__type": ..., "Message": ...}</c>, failing the test when it is not one.</summary>
internal static class ErrorBody
{
    /// <summary>The error's type and message.</summary>
    public static (string Type, string Message) Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        root.ValueKind.ShouldBe(JsonValueKind.Object, body);
        root.TryGetProperty("__type", out var type).ShouldBeTrue(body);
        root.TryGetProperty("Message", out var message).ShouldBeTrue(body);
        return (type.GetString().ShouldNotBeNull(), message.GetString().ShouldNotBeNull());
    }
}
