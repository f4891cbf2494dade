# bash completion for agendapack(1)
_agendapack()
{
    local cur prev words cword
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local commands="convert batch merge store query person export site text validate"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local opts
    case ${COMP_WORDS[1]} in
        convert)  opts="--output --timeout --max-memory --html --ocr --lang --quiet --help" ;;
        batch)    opts="--output --jobs --timeout --max-memory --force --retry-failed
                        --no-retry-failed --shard --postgres --ocr --lang --quiet --verbose
                        --help" ;;
        merge)    opts="--output --quiet --verbose --help" ;;
        store)    opts="--postgres --prune --quiet --help" ;;
        query)    opts="--json --csv --committee --council --since --until --kind --limit
                        --sort --with --postgres --help" ;;
        person)   opts="--json --help" ;;
        export)   opts="--indicators --meetings --votes --latest --format --output --postgres --help" ;;
        site)     opts="--output --meeting --quiet --help" ;;
        text)     opts="--json --ocr --lang --help" ;;
        validate) opts="--quiet --help" ;;
    esac
    case $prev in
        -o|--output)
            COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --format)
            COMPREPLY=($(compgen -W "csv ndjson ocd" -- "$cur")); return ;;
        --kind)
            COMPREPLY=($(compgen -W "item minute resolution document vote" -- "$cur")); return ;;
        --sort)
            COMPREPLY=($(compgen -W "relevance date" -- "$cur")); return ;;
        --with)
            COMPREPLY=($(compgen -W "resolutions" -- "$cur")); return ;;
        --ocr)
            COMPREPLY=($(compgen -W "auto never always" -- "$cur")); return ;;
        --lang)
            COMPREPLY=($(compgen -W "eng cym+eng" -- "$cur")); return ;;
        -j|--jobs|--timeout|--max-memory)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    case ${COMP_WORDS[1]} in
        convert|text) COMPREPLY=($(compgen -f -X '!*.[pP][dD][fF]' -- "$cur") $(compgen -d -- "$cur")) ;;
        validate)     COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur")) ;;
        query|person|export) COMPREPLY=($(compgen -f -- "$cur")) ;;
        site|merge|store) COMPREPLY=($(compgen -d -- "$cur")) ;;
        *)            COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -F _agendapack agendapack
