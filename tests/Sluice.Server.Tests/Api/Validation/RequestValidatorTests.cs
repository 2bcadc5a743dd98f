using Sluice.Definitions.Shapes;
using Sluice.Server.Tests.Support;
using static Sluice.Server.Tests.Support.Requests;

namespace Sluice.Server.Tests.Api.Validation;

/// <summary>Each kind of constraint the model states, with Coral's exact wording.</summary>
public sealed class RequestValidatorTests
{
    private const string PipelineNamePattern = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}";

    [Fact]
    public void Validate_ValidCreatePipeline_Passes()
    {
        Passes("SageMaker.CreatePipeline", CreatePipeline()).ShouldBeTrue();
    }

    [Fact]
    public void Validate_MissingRequiredMember_ReportsMustNotBeNull()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("RoleArn", null)));

        error.Code.ShouldBe("ValidationException");
        error.Status.ShouldBe(400);
        error.Message.ShouldBe("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_NullRequiredMember_CountsAsMissing()
    {
        var error = Fails("SageMaker.DescribePipelineExecution", """{"PipelineExecutionArn":null}""");

        error.Message.ShouldBe("1 validation error detected: Value null at 'pipelineExecutionArn' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_NullOptionalMember_CountsAsAbsent()
    {
        var body = $$"""{"PipelineName":"p","PipelineDescription":null,"ClientRequestToken":"{{Token}}","RoleArn":"arn:aws:iam::111122223333:role/R"}""";

        Passes("SageMaker.CreatePipeline", body).ShouldBeTrue();
        Passes("SageMaker.ListPipelines", """{"MaxResults":null,"SortBy":null}""").ShouldBeTrue();
    }

    [Fact]
    public void Validate_StringOverMaxLength_ReportsMaxLength()
    {
        var description = new string('x', 3073);

        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineExecutionDescription", description)));

        error.Message.ShouldBe($"1 validation error detected: Value '{description}' at 'pipelineExecutionDescription' failed to satisfy constraint: Member must have length less than or equal to 3072");
    }

    [Fact]
    public void Validate_StringAtMaxLength_Passes()
    {
        Passes("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineExecutionDescription", new string('x', 3072)))).ShouldBeTrue();
    }

    [Fact]
    public void Validate_LengthInCodePoints_CountsAnEmojiOnce()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F680", 3072));

        Passes("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineExecutionDescription", emoji))).ShouldBeTrue();
    }

    [Fact]
    public void Validate_StringUnderMinLength_ReportsMinLength()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("ClientRequestToken", "short")));

        error.Message.ShouldBe("1 validation error detected: Value 'short' at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32");
    }

    [Fact]
    public void Validate_PatternMismatch_QuotesTheModelPattern()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineName", "a b")));

        error.Message.ShouldBe($"1 validation error detected: Value 'a b' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: {PipelineNamePattern}");
    }

    [Theory]
    [InlineData("a_b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a.b")]
    public void Validate_UnanchoredModelPattern_MustMatchTheWholeValue(string name)
    {
        Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineName", name))).Message.ShouldContain("regular expression pattern");
    }

    [Fact]
    public void Validate_EmptyStringUnderMinAndPattern_ReportsBoth()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineName", string.Empty)));

        error.Message.ShouldBe(
            "2 validation errors detected: "
            + "Value '' at 'pipelineName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
            + $"Value '' at 'pipelineName' failed to satisfy constraint: Member must satisfy regular expression pattern: {PipelineNamePattern}");
    }

    [Fact]
    public void Validate_ValueOutsideEnum_ListsTheEnum()
    {
        var error = Fails("SageMaker.ListPipelines", """{"SortBy":"Size"}""");

        error.Message.ShouldBe("1 validation error detected: Value 'Size' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [Name, CreationTime]");
    }

    [Theory]
    [InlineData(500, "Value '500' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100")]
    [InlineData(0, "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")]
    public void Validate_IntegerOutOfRange_ReportsTheBound(int maxResults, string violation)
    {
        var error = Fails("SageMaker.ListPipelines", $$"""{"MaxResults":{{maxResults}}}""");

        error.Message.ShouldBe("1 validation error detected: " + violation);
    }

    [Fact]
    public void Validate_LongBelowMinimum_ReportsTheBound()
    {
        var error = Fails("SageMaker.DescribePipeline", """{"PipelineName":"p","PipelineVersionId":0}""");

        error.Message.ShouldBe("1 validation error detected: Value '0' at 'pipelineVersionId' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [Fact]
    public void Validate_NestedStructure_PathsWithDots()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("ParallelismConfiguration", new { MaxParallelExecutionSteps = 0 })));

        error.Message.ShouldBe("1 validation error detected: Value '0' at 'parallelismConfiguration.maxParallelExecutionSteps' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [Fact]
    public void Validate_NestedRequiredMemberMissing_PathsWithDots()
    {
        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineDefinitionS3Location", new { Bucket = "my-bucket" })));

        error.Message.ShouldBe("1 validation error detected: Value null at 'pipelineDefinitionS3Location.objectKey' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_ListItemMember_UsesCoralListPath()
    {
        var parameters = new object[] { new { Name = "ok", Value = "1" }, new { Name = "bad name", Value = "1" }, new { Name = "Missing" } };

        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineParameters", parameters)));

        error.Message.ShouldBe(
            "2 validation errors detected: "
            + @"Value 'bad name' at 'pipelineParameters.2.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9\-_]*; "
            + "Value null at 'pipelineParameters.3.member.value' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_NullListItem_ReportsMustNotBeNull()
    {
        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineParameters", new object?[] { null })));

        error.Message.ShouldBe("1 validation error detected: Value null at 'pipelineParameters.1.member' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_ListUnderMinLength_ReportsListLength()
    {
        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("SelectiveExecutionConfig", new { SelectedSteps = Array.Empty<object>() })));

        error.Message.ShouldBe("1 validation error detected: Value '[]' at 'selectiveExecutionConfig.selectedSteps' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }

    [Fact]
    public void Validate_ListOfStructuresOverMaxLength_LeavesTheValueOut()
    {
        var steps = Enumerable.Range(0, 51).Select(i => new { StepName = $"s{i}" }).ToArray();

        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("SelectiveExecutionConfig", new { SelectedSteps = steps })));

        error.Message.ShouldBe("1 validation error detected: Value at 'selectiveExecutionConfig.selectedSteps' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    [Fact]
    public void Validate_ListOfStringsWithABadItem_NamesEveryItemConstraint()
    {
        var body = $$$"""{"ModelPackageArn":"{{{ModelPackageArn}}}","CustomerMetadataPropertiesToRemove":["ok",""]}""";

        var error = Fails("SageMaker.UpdateModelPackage", body);

        error.Message.ShouldBe(
            "1 validation error detected: Value '[ok, ]' at 'customerMetadataPropertiesToRemove' failed to satisfy constraint: Member must satisfy constraint: ["
            + "Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
            + @"Member must satisfy regular expression pattern: ([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}]");
    }

    [Fact]
    public void Validate_MapKeyViolation_ReportsMapKeys()
    {
        var body = $$$"""{"ModelPackageArn":"{{{ModelPackageArn}}}","CustomerMetadataProperties":{"team":"ml","":"x"}}""";

        var error = Fails("SageMaker.UpdateModelPackage", body);

        error.Message.ShouldBe(
            "1 validation error detected: Value '{team=ml, =x}' at 'customerMetadataProperties' failed to satisfy constraint: Map keys must satisfy constraint: ["
            + "Member must have length less than or equal to 128, Member must have length greater than or equal to 1, "
            + @"Member must satisfy regular expression pattern: ([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}]");
    }

    [Fact]
    public void Validate_MapValueViolation_ReportsMapValue()
    {
        var body = $$$"""{"ModelPackageArn":"{{{ModelPackageArn}}}","CustomerMetadataProperties":{"team":""}}""";

        var error = Fails("SageMaker.UpdateModelPackage", body);

        error.Message.ShouldStartWith("1 validation error detected: Value '{team=}' at 'customerMetadataProperties' failed to satisfy constraint: Map value must satisfy constraint: [");
        error.Message.ShouldContain("Member must have length greater than or equal to 1");
    }

    [Fact]
    public void Validate_MapOverMaxEntries_ReportsMapLength()
    {
        var properties = string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"k{i}\":\"v\""));

        var body = $$"""{"ModelPackageArn":"{{ModelPackageArn}}","CustomerMetadataProperties":""" + "{" + properties + "}}";

        var error = Fails("SageMaker.UpdateModelPackage", body);

        error.Message.ShouldEndWith("at 'customerMetadataProperties' failed to satisfy constraint: Member must have length less than or equal to 50");
    }

    [Fact]
    public void Validate_MapOfStructures_PathsThroughTheKey()
    {
        var body = """{"QueueUrl":"http://localhost/000000000000/q","MessageBody":"hi","MessageAttributes":{"colour":{"StringValue":"red"}}}""";

        var error = Fails("AmazonSQS.SendMessage", body);

        error.Message.ShouldBe("1 validation error detected: Value null at 'messageAttributes.colour.member.dataType' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public void Validate_SensitiveMember_LeavesTheValueOut()
    {
        var body = $$$"""{"ModelPackageArn":"{{{ModelPackageArn}}}","ModelCard":{"ModelCardContent":"{{{new string('x', 100_001)}}}"}}""";

        var error = Fails("SageMaker.UpdateModelPackage", body);

        error.Message.ShouldBe("1 validation error detected: Value at 'modelCard.modelCardContent' failed to satisfy constraint: Member must have length less than or equal to 100000");
    }

    [Fact]
    public void Validate_HugeValue_IsEchoedCut()
    {
        var definition = new string(' ', 1_048_577);

        var error = Fails("SageMaker.CreatePipeline", CreatePipeline(("PipelineDefinition", definition)));

        error.Message.ShouldBe($"1 validation error detected: Value '{new string(' ', 4096)}...' at 'pipelineDefinition' failed to satisfy constraint: Member must have length less than or equal to 1048576");
    }

    [Fact]
    public void Validate_SeveralViolations_CountsAndListsThemInOrder()
    {
        var error = Fails("SageMaker.CreatePipeline", """{"PipelineDescription":"ok","ParallelismConfiguration":{"MaxParallelExecutionSteps":0}}""");

        error.Message.ShouldBe(
            "4 validation errors detected: "
            + "Value null at 'pipelineName' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'clientRequestToken' failed to satisfy constraint: Member must not be null; "
            + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null; "
            + "Value '0' at 'parallelismConfiguration.maxParallelExecutionSteps' failed to satisfy constraint: Member must have value greater than or equal to 1");
    }

    [Fact]
    public void Validate_PresentMembers_ReportedInDocumentOrder()
    {
        var error = Fails("SageMaker.ListPipelines", """{"SortOrder":"Up","MaxResults":500,"SortBy":"Size"}""");

        error.Message.ShouldStartWith("3 validation errors detected: Value 'Up' at 'sortOrder'");
        error.Message.IndexOf("'maxResults'", StringComparison.Ordinal).ShouldBeLessThan(error.Message.IndexOf("'sortBy'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MoreThanTenViolations_ListsTenAndCountsAll()
    {
        var parameters = Enumerable.Range(1, 12).Select(i => new { Name = $"bad name {i}", Value = "v" }).ToArray();

        var error = Fails("SageMaker.StartPipelineExecution", StartPipelineExecution(("PipelineParameters", parameters)));

        error.Message.ShouldStartWith("12 validation errors detected: Value 'bad name 1' at 'pipelineParameters.1.member.name'");
        error.Message.ShouldContain("'pipelineParameters.10.member.name'");
        error.Message.ShouldNotContain("'pipelineParameters.11.member.name'");
        error.Message.ShouldEndWith("; and 2 more");
    }

    [Fact]
    public void Validate_UnknownMembers_AreIgnored()
    {
        var body = CreatePipeline(("SomethingNew", new { Nested = new[] { 1, 2 } }), ("pipelineName", 42));

        Passes("SageMaker.CreatePipeline", body).ShouldBeTrue();
    }

    [Fact]
    public void Validate_UnmodeledTarget_Passes()
    {
        Passes("SageMaker.DescribeNothing", "[1]").ShouldBeTrue();
    }

    [Theory]
    [InlineData("SageMaker.ListPipelines", """{"MaxResults":"10"}""", "STRING_VALUE can not be converted to an Integer at 'maxResults'")]
    [InlineData("SageMaker.ListPipelines", """{"MaxResults":1.5}""", "NUMBER_VALUE can not be converted to an Integer at 'maxResults'")]
    [InlineData("SageMaker.ListPipelines", """{"MaxResults":true}""", "TRUE_VALUE can not be converted to an Integer at 'maxResults'")]
    [InlineData("SageMaker.ListPipelines", """{"SortBy":5}""", "NUMBER_VALUE can not be converted to a String at 'sortBy'")]
    [InlineData("SageMaker.ListPipelines", """{"SortBy":["Name"]}""", "Start of list found where not expected at 'sortBy'")]
    [InlineData("SageMaker.ListPipelines", """{"SortBy":{"a":1}}""", "Start of structure or map found where not expected at 'sortBy'")]
    [InlineData("SageMaker.ListPipelines", """{"CreatedAfter":"yesterday"}""", "STRING_VALUE can not be converted to a Timestamp at 'createdAfter'")]
    [InlineData("SageMaker.StartPipelineExecution", """{"PipelineName":"p","ClientRequestToken":"2845b171-de36-46fd-918a-7eb1377e187d","PipelineParameters":{"Name":"x"}}""", "Start of structure or map found where not expected at 'pipelineParameters'")]
    [InlineData("SageMaker.StartPipelineExecution", """{"PipelineName":"p","ClientRequestToken":"2845b171-de36-46fd-918a-7eb1377e187d","PipelineParameters":"x"}""", "Expected list or null at 'pipelineParameters'")]
    [InlineData("SageMaker.StartPipelineExecution", """{"PipelineName":"p","ClientRequestToken":"2845b171-de36-46fd-918a-7eb1377e187d","PipelineParameters":[{"Name":"x","Value":7}]}""", "NUMBER_VALUE can not be converted to a String at 'pipelineParameters.1.member.value'")]
    [InlineData("SageMaker.CreatePipeline", """{"ParallelismConfiguration":3}""", "NUMBER_VALUE can not be converted to a Structure at 'parallelismConfiguration'")]
    [InlineData("SageMaker.UpdateModelPackage", """{"CustomerMetadataPropertiesToRemove":["a",1]}""", "NUMBER_VALUE can not be converted to a String at 'customerMetadataPropertiesToRemove.2.member'")]
    [InlineData("AmazonSQS.SendMessage", """{"QueueUrl":"u","MessageBody":"b","DelaySeconds":"5"}""", "STRING_VALUE can not be converted to an Integer at 'delaySeconds'")]
    [InlineData("AmazonSQS.SendMessage", """{"QueueUrl":"u","MessageBody":"b","MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"not base64!"}}}""", "STRING_VALUE can not be converted to a Blob at 'messageAttributes.a.member.binaryValue'")]
    public void Validate_WrongJsonType_IsSerializationExceptionNamingTheMember(string target, string body, string message)
    {
        var error = Fails(target, body);

        error.Code.ShouldBe("SerializationException");
        error.Message.ShouldBe(message);
    }

    [Fact]
    public void Validate_WrongJsonTypeAfterAViolation_IsStillSerializationException()
    {
        var error = Fails("SageMaker.ListPipelineExecutions", """{"PipelineName":"a b","MaxResults":"x"}""");

        error.Code.ShouldBe("SerializationException");
    }

    [Theory]
    [InlineData("[]", "Start of list found where not expected")]
    [InlineData("\"text\"", "The request body must be a JSON object.")]
    [InlineData("null", "The request body must be a JSON object.")]
    public void Validate_BodyNotAnObject_IsSerializationException(string body, string message)
    {
        var error = Fails("SageMaker.ListPipelines", body);

        error.Code.ShouldBe("SerializationException");
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("1672531200")]
    [InlineData("1672531200.5")]
    [InlineData("\"2023-01-01T00:00:00Z\"")]
    public void Validate_Timestamp_AcceptsEpochSecondsAndIso8601(string value)
    {
        Passes("SageMaker.ListPipelines", $$"""{"CreatedAfter":{{value}}}""").ShouldBeTrue();
    }

    [Fact]
    public void Validate_Base64Blob_Passes()
    {
        Passes("AmazonSQS.SendMessage", """{"QueueUrl":"u","MessageBody":"b","MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"aGVsbG8="}}}""").ShouldBeTrue();
    }

    [Fact]
    public void Validate_PipelineArnWhereNameOrArnIsAllowed_Passes()
    {
        var body = StartPipelineExecution(("PipelineName", "arn:aws:sagemaker:us-east-1:111122223333:pipeline/my-pipeline"));

        Passes("SageMaker.StartPipelineExecution", body).ShouldBeTrue();
    }

    [Fact]
    public void Validate_ValidExecutionArnAndCallbackToken_Pass()
    {
        Passes("SageMaker.StopPipelineExecution", $$"""{"PipelineExecutionArn":"{{ExecutionArn}}","ClientRequestToken":"{{Token}}"}""").ShouldBeTrue();
        Passes("SageMaker.SendPipelineExecutionStepSuccess", """{"CallbackToken":"abcDEF1234","OutputParameters":[{"Name":"score","Value":"3"}]}""").ShouldBeTrue();
    }

    [Fact]
    public void Validate_CallbackTokenOfWrongLength_ReportsBothBoundsThatFail()
    {
        var error = Fails("SageMaker.SendPipelineExecutionStepFailure", """{"CallbackToken":"abc"}""");

        error.Message.ShouldBe("1 validation error detected: Value 'abc' at 'callbackToken' failed to satisfy constraint: Member must have length greater than or equal to 10");
    }
}
