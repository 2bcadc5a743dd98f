using Sluice.Config.Tests.Support;

namespace Sluice.Config.Tests.Factories.Tuning;

public sealed class TuningStepFactoryTests
{
    private const string Tune = """
        step_name: Tune
        step_factory_class: TuningStepFactory
        estimator:
          output_path: s3://test-bucket/tuning
          entry_point: train.py
          source_dir: s3://test-bucket/code/sourcedir.tar.gz
          hyperparameters: {n_estimators: 100}
          metric_definitions: [{name: "validation:mse", regex: 'mse: (\S+)'}]
        objective_metric_name: validation:mse
        objective_type: Minimize
        strategy: Random
        hyperparameter_ranges:
          max_depth: {type: Integer, min_value: 2, max_value: "${parameters.Depth}"}
          eta: {type: Continuous, min_value: 0.01, max_value: 0.3, scaling_type: Logarithmic}
          criterion: {type: Categorical, values: [squared_error, absolute_error]}
        max_jobs: 4
        max_parallel_jobs: 2
        random_seed: 7
        inputs:
          train: {s3_data: "${parameters.InputData}"}
        """;

    [Fact]
    public void CreateStep_Ranges_WritesTheTuningJobConfig()
    {
        var built = Configs.Build(("tune.yaml", Tune));

        Configs.Step(built, "Tune")["Arguments"]!["HyperParameterTuningJobConfig"].ShouldBeJson(
            "{`Strategy`:`Random`,`ResourceLimits`:{`MaxNumberOfTrainingJobs`:4,`MaxParallelTrainingJobs`:2},`TrainingJobEarlyStoppingType`:`Off`,`RandomSeed`:7," +
            "`HyperParameterTuningJobObjective`:{`Type`:`Minimize`,`MetricName`:`validation:mse`},`ParameterRanges`:{" +
            "`ContinuousParameterRanges`:[{`Name`:`eta`,`MinValue`:`0.01`,`MaxValue`:`0.3`,`ScalingType`:`Logarithmic`}]," +
            "`CategoricalParameterRanges`:[{`Name`:`criterion`,`Values`:[`squared_error`,`absolute_error`]}]," +
            "`IntegerParameterRanges`:[{`Name`:`max_depth`,`MinValue`:`2`,`MaxValue`:{`Std:Join`:{`On`:``,`Values`:[{`Get`:`Parameters.Depth`}]}},`ScalingType`:`Auto`}]}}");
        Configs.Step(built, "Tune")["Arguments"]!["TrainingJobDefinition"]!["StaticHyperParameters"]!["n_estimators"]!.GetValue<string>().ShouldBe("100");
    }

    [Fact]
    public void Reference_TopModel_ReadsTheBestTrainingJobsModel()
    {
        var built = Configs.Build(("tune.yaml", Tune), ("model.yaml", """
            step_name: BestModel
            step_factory_class: ModelStepFactory
            model_data: ${steps.Tune.top_model}
            """));

        Configs.Step(built, "BestModel")["Arguments"]!["PrimaryContainer"]!["ModelDataUrl"].ShouldBeJson(
            "{`Std:Join`:{`On`:`/`,`Values`:[`s3:/`,`test-bucket`,`tuning`,{`Get`:`Steps.Tune.TrainingJobSummaries[0].TrainingJobName`},`output/model.tar.gz`]}}");
    }

    [Fact]
    public void ReadConfig_ObjectiveNotAMetric_FailsWithTheMetrics()
    {
        var error = Configs.Fails(("tune.yaml", Tune.Replace("objective_metric_name: validation:mse", "objective_metric_name: validation:mae", StringComparison.Ordinal)));

        error.Message.ShouldBe("dev/tune.yaml:9: objective_metric_name: 'validation:mae' is not one of the estimator's metric_definitions (did you mean 'validation:mse'?): validation:mse");
    }

    [Fact]
    public void ReadConfig_UnknownRangeType_FailsWithTheTypes()
    {
        var error = Configs.Fails(("tune.yaml", Tune.Replace("{type: Integer,", "{type: Int,", StringComparison.Ordinal)));

        error.Message.ShouldBe("dev/tune.yaml:13: hyperparameter_ranges.max_depth.type: unknown range type 'Int' (did you mean 'Integer'?); types: Continuous, Integer, Categorical");
    }
}
