using System.Net;
using Sluice.Client.Http;
using Sluice.Sdk.Remote;

namespace Sluice.Sdk.Tests.Remote;

public sealed class PipelineUpserterTests
{
    [Theory]
    [InlineData("ValidationException", "Pipeline with name (gate) already exists.", true)]
    [InlineData("ValidationException", "Pipeline names must be unique within an AWS account and region", true)]
    [InlineData("ValidationException", "Unable to parse pipeline definition.", false)]
    [InlineData("ResourceInUse", "Pipeline with name (gate) already exists.", false)]
    public void AlreadyExists_ServiceError_IsTheOneUpsertUpdatesOn(string code, string message, bool expected) =>
        PipelineUpserter.AlreadyExists(new AwsServiceException(code, message, HttpStatusCode.BadRequest, requestId: null)).ShouldBe(expected);
}
