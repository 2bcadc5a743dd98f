using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Definitions;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>The states of one step (not a Condition step): reads and computed values first, then the step's own task.</summary>
internal sealed class StepStates(ExportContext context, StepNames names, ExpressionTranslator translator, BatchJobs batch)
{

    public Fragment Build(StepDefinition step)
    {
        var scratch = new StepScratch(step);
        if (step.CacheConfig is { Enabled: true })
        {
            context.Note(step, "CacheConfig", "not exported: Step Functions has no step cache, so the step runs in every execution");
        }

        var main = step.Type switch
        {
            StepType.Processing or StepType.Training or StepType.Transform when names.RunsOnBatch(step) => batch.Build(step, scratch),
            StepType.Processing => Job(step, scratch, "createProcessingJob", "ProcessingJobName"),
            StepType.Training => Job(step, scratch, "createTrainingJob", "TrainingJobName"),
            StepType.Transform => Job(step, scratch, "createTransformJob", "TransformJobName"),
            StepType.Tuning => JobOnSageMaker(step, scratch, "createHyperParameterTuningJob", "HyperParameterTuningJobName"),
            StepType.Model => Model(step, scratch),
            StepType.RegisterModel => RegisterModel(step, scratch),
            StepType.Fail => Fail(step, scratch),
            StepType.Lambda => Lambda(step, scratch),
            StepType.Callback => Callback(step, scratch),
            _ => Unsupported(step),
        };
        return Preludes(scratch) is { } prelude ? prelude.Then(main) : main;
    }

    /// <summary>The reads and computed values a step's states need, or <see langword="null"/> when there are none.</summary>
    public Fragment? Preludes(StepScratch scratch)
    {
        var states = new List<(string, JsonObject)>();
        foreach (var (slot, bucket, key) in scratch.Reads)
        {
            var parameters = new JsonObject();
            Put(parameters, "Bucket", bucket);
            Put(parameters, "Key", key);
            states.Add((context.StateName(scratch.Step.Name, "Read" + slot), new JsonObject
            {
                ["Type"] = "Task",
                ["Resource"] = "arn:aws:states:::aws-sdk:s3:getObject",
                ["Parameters"] = parameters,
                ["ResultSelector"] = new JsonObject { ["Document.$"] = "States.StringToJson($.Body)" },
                ["ResultPath"] = "$.Files." + slot,
            }));
        }

        if (scratch.Operands.Count > 0)
        {
            var values = new JsonObject();
            foreach (var (slot, expression) in scratch.Operands)
            {
                values[slot + ".$"] = expression;
            }

            states.Add((context.StateName(scratch.Step.Name, "Operands"), new JsonObject
            {
                ["Type"] = "Pass",
                ["Parameters"] = values,
                ["ResultPath"] = "$.Operands",
            }));
        }

        return states.Count == 0 ? null : Fragment.Sequence([.. states]);
    }

    private static void Put(JsonObject target, string name, AslValue value)
    {
        if (value.IsStatic)
        {
            target[name] = value.Static?.DeepClone();
        }
        else
        {
            target[name + ".$"] = value.Expression;
        }
    }

    private JsonObject Arguments(StepDefinition step, StepScratch scratch) =>
        translator.TranslateTree(scratch, step.Arguments ?? default, "Arguments") as JsonObject ?? new JsonObject();

    private Fragment JobOnSageMaker(StepDefinition step, StepScratch scratch, string action, string nameMember)
    {
        if (context.Batch)
        {
            context.Approximate(step, string.Empty, $"a {step.TypeName} step has no Batch form here; it runs on SageMaker ({action}.sync) even with --compute batch");
        }

        return Job(step, scratch, action, nameMember);
    }

    private Fragment Job(StepDefinition step, StepScratch scratch, string action, string nameMember)
    {
        var parameters = Arguments(step, scratch);
        parameters.Remove(nameMember);
        parameters[nameMember + ".$"] = names.JobName(step);
        var task = Task(step, "arn:aws:states:::sagemaker:" + action + ".sync", parameters);
        task["ResultPath"] = names.PropertyRoot(step);
        return Fragment.Single(step.Name, task);
    }

    private Fragment Model(StepDefinition step, StepScratch scratch)
    {
        var parameters = Arguments(step, scratch);
        parameters.Remove("ModelName");
        parameters["ModelName.$"] = names.JobName(step);
        var resource = context.Batch ? "arn:aws:states:::aws-sdk:sagemaker:createModel" : "arn:aws:states:::sagemaker:createModel";
        var create = Task(step, resource, parameters);
        create["ResultPath"] = names.PropertyRoot(step);
        var describe = new JsonObject
        {
            ["Type"] = "Task",
            ["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:describeModel",
            ["Parameters"] = new JsonObject { ["ModelName.$"] = names.JobName(step) },
            ["ResultPath"] = names.PropertyRoot(step),
        };
        return Fragment.Sequence((step.Name, create), (context.StateName(step.Name, "Describe"), describe));
    }

    private Fragment RegisterModel(StepDefinition step, StepScratch scratch)
    {
        var root = names.PropertyRoot(step)!;
        var create = Task(step, "arn:aws:states:::aws-sdk:sagemaker:createModelPackage", Arguments(step, scratch));
        create["ResultPath"] = root;
        var describe = new JsonObject
        {
            ["Type"] = "Task",
            ["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:describeModelPackage",
            ["Parameters"] = new JsonObject { ["ModelPackageName.$"] = root + ".ModelPackageArn" },
            ["ResultPath"] = root,
        };
        var registered = Fragment.Sequence((step.Name, create), (context.StateName(step.Name, "Describe"), describe));
        if (create["Parameters"]?["ModelPackageGroupName"] is null && create["Parameters"]?["ModelPackageGroupName.$"] is null)
        {
            return registered;
        }

        // SageMaker pipelines create the model package group when it is missing; CreateModelPackage does not.
        var group = new JsonObject();
        foreach (var name in new[] { "ModelPackageGroupName", "ModelPackageGroupName.$" })
        {
            if (create["Parameters"]?[name] is { } value)
            {
                group[name] = value.DeepClone();
            }
        }

        var ensureGroup = new JsonObject
        {
            ["Type"] = "Task",
            ["Resource"] = "arn:aws:states:::aws-sdk:sagemaker:createModelPackageGroup",
            ["Parameters"] = group,
            ["ResultPath"] = null,
            ["Catch"] = new JsonArray((JsonNode)new JsonObject
            {
                ["ErrorEquals"] = new JsonArray("States.TaskFailed"),
                ["ResultPath"] = null,
                ["Next"] = step.Name,
            }),
        };
        return Fragment.Single(context.StateName(step.Name, "Group"), ensureGroup).Then(registered);
    }

    private Fragment Fail(StepDefinition step, StepScratch scratch)
    {
        var message = step.ErrorMessage is null
            ? AslValue.Of(JsonValue.Create(string.Empty))
            : translator.TranslateString(scratch, step.ErrorMessage, "Arguments.ErrorMessage");
        var fail = new JsonObject { ["Type"] = "Fail", ["Error"] = "Sluice.FailStep" };
        if (message.IsStatic)
        {
            fail["Cause"] = message.Static?.DeepClone();
            return Fragment.Single(step.Name, fail);
        }

        var compute = new JsonObject
        {
            ["Type"] = "Pass",
            ["Parameters"] = new JsonObject { ["Cause.$"] = message.Expression },
            ["ResultPath"] = "$.FailMessage",
        };
        fail["CausePath"] = "$.FailMessage.Cause";
        return Fragment.Sequence((context.StateName(step.Name, "Message"), compute), (step.Name, fail));
    }

    private Fragment Lambda(StepDefinition step, StepScratch scratch)
    {
        var task = Task(step, "arn:aws:states:::lambda:invoke", new JsonObject
        {
            ["FunctionName"] = step.FunctionArn,
            ["Payload"] = Arguments(step, scratch),
        });
        task["ResultSelector"] = new JsonObject { ["OutputParameters.$"] = "$.Payload" };
        task["ResultPath"] = names.PropertyRoot(step);
        return Fragment.Single(step.Name, task);
    }

    private Fragment Callback(StepDefinition step, StepScratch scratch)
    {
        var task = Task(step, "arn:aws:states:::sqs:sendMessage.waitForTaskToken", new JsonObject
        {
            ["QueueUrl"] = step.SqsQueueUrl,
            ["MessageBody"] = new JsonObject
            {
                ["token.$"] = "$$.Task.Token",
                ["pipelineExecutionArn.$"] = "$$.Execution.Id",
                ["arguments"] = Arguments(step, scratch),
                ["status"] = "Executing",
            },
        });
        task["ResultSelector"] = new JsonObject { ["OutputParameters.$"] = "$" };
        task["ResultPath"] = names.PropertyRoot(step);
        return Fragment.Single(step.Name, task);
    }

    private Fragment Unsupported(StepDefinition step)
    {
        context.Error(step, "Type", $"a {step.TypeName} step has no Step Functions equivalent in this export");
        return Fragment.Single(step.Name, new JsonObject { ["Type"] = "Pass" });
    }

    /// <summary>A Task state with the step's retry policies.</summary>
    public JsonObject Task(StepDefinition step, string resource, JsonObject parameters)
    {
        var task = new JsonObject { ["Type"] = "Task", ["Resource"] = resource, ["Parameters"] = parameters };
        if (Retry(step) is { } retry)
        {
            task["Retry"] = retry;
        }

        return task;
    }

    private JsonArray? Retry(StepDefinition step)
    {
        if (step.RetryPolicies.Count == 0)
        {
            return null;
        }

        var retry = new JsonArray();
        for (var i = 0; i < step.RetryPolicies.Count; i++)
        {
            var policy = step.RetryPolicies[i];
            var at = JsonPaths.Index("RetryPolicies", i);
            context.Approximate(step, at, $"Step Functions cannot tell {string.Join(", ", policy.ExceptionTypes)} from other task failures, so the retry applies to any failure of the task (States.TaskFailed)");
            var attempts = policy.MaxAttempts;
            if (attempts is null && policy.ExpireAfterMin is { } minutes)
            {
                context.Approximate(step, at + ".ExpireAfterMin", "Step Functions bounds retries by count, not time: the attempts that fit in ExpireAfterMin with this backoff are allowed");
                attempts = AttemptsWithin(minutes * 60.0, policy.IntervalSeconds, policy.BackoffRate);
            }

            retry.Add((JsonNode)new JsonObject
            {
                ["ErrorEquals"] = new JsonArray("States.TaskFailed"),
                ["IntervalSeconds"] = Math.Max(1, (int)Math.Ceiling(policy.IntervalSeconds)),
                ["BackoffRate"] = Math.Max(1.0, policy.BackoffRate),
                ["MaxAttempts"] = attempts ?? 3,
            });
        }

        return retry;
    }

    private static int AttemptsWithin(double seconds, double interval, double backoff)
    {
        var attempts = 0;
        var wait = Math.Max(1, interval);
        for (var total = wait; total <= seconds && attempts < 99; total += wait *= Math.Max(1, backoff))
        {
            attempts++;
        }

        return Math.Max(1, attempts);
    }
}
