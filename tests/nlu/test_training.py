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
