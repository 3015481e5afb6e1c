from intake.nlu.corpus import load_corpus
from intake.nlu.model import load_model
from intake.nlu.training import TrainingSettings, save_model, train_model

PROBES = ["hes outside with a knife now", "dogs barking all night", "rubbish dumped by the garages"]


def test_training_twice_with_the_same_seed_gives_identical_scores_and_thresholds(tmp_path, policy):
    reports = load_corpus()[::70][:30]
    settings = TrainingSettings(epochs=2, words_epochs=2)
    runs = []
    for name in ("first", "second"):
        save_model(train_model(reports, policy, settings), tmp_path / name)
        loaded = load_model(tmp_path / name)
        runs.append(([doc.cats for doc in loaded.nlp.pipe(PROBES)], loaded.thresholds))
    assert runs[0] == runs[1]
    assert any(score != runs[0][0][0]["noise"] for score in runs[0][0][0].values())


def test_the_saved_model_also_learns_from_the_dev_reports_and_tunes_on_every_one_held_out(policy):
    from intake.nlu.corpus import LabelledReport, split_corpus, split_of
    from intake.nlu.training import held_out_reports

    text = next(t for t in (f"zorblax from flat {n} all night" for n in range(100))
                if split_of(t) == "dev")
    dev_report = LabelledReport(id="made-up-1", text=text, types=("noise",))
    reports = load_corpus()[::70][:30]
    settings = TrainingSettings(epochs=1, words_epochs=1)  # one epoch each: nothing to choose

    with_dev = train_model([*reports, dev_report], policy, settings)
    without = train_model(reports, policy, settings)

    assert with_dev.nlp("zorblax").cats["noise"] > without.nlp("zorblax").cats["noise"]
    splits = split_corpus([*reports, dev_report])
    tuned_on = held_out_reports(splits)
    assert sorted(r.id for r in tuned_on) == sorted(r.id for r in splits["train"] + splits["dev"])
    assert [r.id for r in with_dev.held_out] == [r.id for r in tuned_on]
