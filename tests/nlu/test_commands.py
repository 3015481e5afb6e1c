import json

import pytest
from click.testing import CliRunner

from intake.nlu.commands import classify, nlu

EXPECTED_KEYS = {"type", "types", "category", "group", "danger_now", "safeguarding", "hate",
                 "confidence", "scores"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_classify_writes_one_json_object_per_input_line(runner, model):
    lines = ["dogs barking all night AGAIN", '{"id": "r-7", "text": "hes outside my door with a knife now"}', ""]
    result = runner.invoke(classify, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 3
    assert set(out[0]) == EXPECTED_KEYS and out[0]["category"] == "CAT2" and "animals" in out[0]["types"]
    assert out[1]["id"] == "r-7" and out[1]["category"] == "CAT1" and out[1]["danger_now"] is True
    assert out[2]["type"] == "not_asb" and out[2]["category"] is None and out[2]["group"] is None
    assert set(out[0]["scores"]) >= {"noise", "animals", "not_asb"}


def test_a_bad_json_line_gets_an_error_object_and_the_rest_are_still_classified(runner, model):
    result = runner.invoke(classify, input='{"text": broken\n{"id": 3}\nloud music at 3am\n')
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["line"] == 1 and "invalid JSON" in out[0]["error"]
    assert out[1]["id"] == 3 and "text" in out[1]["error"]
    assert "noise" in out[2]["types"] and out[2]["category"] == "CAT2"


def test_evaluate_exits_non_zero_when_cat1_recall_is_below_the_bar(runner, model):
    result = runner.invoke(nlu, ["evaluate", "--no-latency", "--min-cat1-recall", "1.01"])
    assert result.exit_code == 1
    assert "FAIL: CAT1 recall" in result.output


def test_evaluate_fails_the_gate_on_a_gold_file_the_model_gets_wrong(runner, model, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "can you fix my boiler please", "types": ["violence"]}) + "\n")
    result = runner.invoke(nlu, ["evaluate", "--file", str(gold), "--no-latency", "--json",
                                 "--min-cat1-recall", "0.5"])
    assert result.exit_code == 1
    figures = json.loads(result.output.split("FAIL")[0])
    assert figures["model"]["cat1_recall"] == 0.0


def test_evaluate_passes_the_gate_and_prints_both_columns_when_the_bar_is_met(runner, model, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"text": "hes punching her in the street right now", "type": "violence",
                                "category": "CAT1"}) + "\n")
    result = runner.invoke(nlu, ["evaluate", "--file", str(gold), "--no-latency", "--min-cat1-recall", "1.0"])
    assert result.exit_code == 0, result.output
    assert "keyword" in result.output and "PASS" in result.output


def test_evaluate_measures_the_dev_split_of_a_given_corpus_when_asked(runner, model, tmp_path):
    from intake.nlu.corpus import split_of
    texts = [f"loud music from flat {n} every night" for n in range(60)]
    dev = [t for t in texts if split_of(t) == "dev"]
    lines = [json.dumps({"text": t, "types": ["noise"]}) for t in texts]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n")
    result = runner.invoke(nlu, ["evaluate", "--corpus", str(tmp_path), "--split", "dev",
                                 "--no-latency", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["source"] == "dev split" and figures["model"]["reports"] == len(dev) > 0


@pytest.fixture
def small_corpus(tmp_path):
    from intake.nlu.corpus import CORPUS_DIR, read_reports
    sample = [line for line in (CORPUS_DIR / "short.jsonl").read_text().splitlines() if line][:80]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sample.jsonl").write_text("\n".join(sample) + "\n")
    assert len(list(read_reports(corpus / "sample.jsonl"))) == 80
    return corpus


def test_train_writes_a_model_with_both_classifiers_that_loads_and_says_which_epochs_it_kept(
        runner, tmp_path, small_corpus):
    from intake.nlu.model import load_model
    result = runner.invoke(nlu, ["train", "--corpus", str(small_corpus), "--out",
                                 str(tmp_path / "model"), "--epochs", "1"])
    assert result.exit_code == 0, result.output
    assert "kept epoch 1 of the linear classifiers" in result.output
    assert "of the bag of words" in result.output
    trained = load_model(tmp_path / "model")
    assert {"types", "flags", "words", "blend"} <= set(trained.nlp.pipe_names)
    assert trained.thresholds.notes["train_reports"] + trained.thresholds.notes["dev_reports"] <= 80


def test_retune_chooses_again_the_thresholds_training_chose_from_the_saved_held_out_scores(
        runner, tmp_path, small_corpus):
    model = tmp_path / "model"
    trained = runner.invoke(nlu, ["train", "--corpus", str(small_corpus), "--out", str(model),
                                  "--epochs", "1"])
    assert trained.exit_code == 0, trained.output
    as_trained = (model / "thresholds.json").read_text()
    tampered = json.loads(as_trained)
    tampered["flags"]["cat1_any"] = 0.99
    (model / "thresholds.json").write_text(json.dumps(tampered))

    result = runner.invoke(nlu, ["retune", "--corpus", str(small_corpus), "--model-dir", str(model)])

    assert result.exit_code == 0, result.output
    assert "flags cat1_any: 0.99 ->" in result.output
    assert (model / "thresholds.json").read_text() == as_trained


def test_retune_refuses_scores_made_from_another_corpus(runner, tmp_path, small_corpus):
    model = tmp_path / "model"
    runner.invoke(nlu, ["train", "--corpus", str(small_corpus), "--out", str(model), "--epochs", "1"])
    as_trained = (model / "thresholds.json").read_text()
    from intake.nlu.corpus import split_of
    new_report = "a new report about a barking dog"
    assert split_of(new_report) != "test"  # so it joins the held-out reports
    with (small_corpus / "sample.jsonl").open("a") as corpus:
        corpus.write(json.dumps({"text": new_report, "types": ["animals"]}) + "\n")

    result = runner.invoke(nlu, ["retune", "--corpus", str(small_corpus), "--model-dir", str(model)])

    assert result.exit_code == 1
    assert "another corpus" in result.output and "intake nlu train" in result.output
    assert (model / "thresholds.json").read_text() == as_trained


@pytest.mark.parametrize("command", [["retune"], ["evaluate", "--no-latency"]])
def test_a_missing_model_directory_gets_a_usage_error_not_a_traceback(runner, tmp_path, command):
    result = runner.invoke(nlu, [*command, "--model-dir", str(tmp_path / "nowhere")])

    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
