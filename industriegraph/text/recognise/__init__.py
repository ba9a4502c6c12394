"""Shared recognisers: what every loader needs to read a German or English text about industrial policy.

Each module reads the vocabulary (``industriegraph.model.vocab``) and knows no names itself:

* ``lexicon``      indexes built once from the vocabulary (bodies and their surface forms, Länder, legal
                   forms, cue words), and the folding that makes spellings comparable;
* ``kinds``        the organisation kind of a name (vocabulary body first, then the kinds' cue words);
* ``passage``      a text joined from wrapped lines, with a map back to line numbers, split into sentences;
* ``orgs``         organisation mentions: gazetteer, head nouns, ministry patterns, legal forms, "Name (ACR)",
                   "ACR – Name", quoted names; names in the nominative;
* ``lists``        enumerations (commas, "und", "sowie", bullets, colon-introduced lists, shared head nouns);
* ``roles``        role cues (Partner, Mitglieder, Träger, gegründet von …) and which mentions they govern;
* ``people``       people with their functions and the organisation a function belongs to;
* ``initiatives``  the initiative, alliance or plan a page is about, and its mentions.
"""
