# Sluice batch transform: serves a script-mode model over the job's input files as the SageMaker inference
# toolkits would (model_fn, input_fn, predict_fn, output_fn or transform_fn), without an HTTP server.
import csv, gzip, importlib.util, io, json, os, sys, traceback

try:
    import numpy
except ImportError:
    numpy = None


def media(content_type):
    return content_type.split(';')[0].strip().lower()


def default_model_fn(model_dir):
    raise NotImplementedError('model_fn is required: define model_fn(model_dir) in the inference script to load the model from ' + model_dir)


def default_input_fn(body, content_type):
    text = body.decode('utf-8') if isinstance(body, bytes) else body
    if media(content_type) == 'text/csv':
        rows = [[float(value) for value in row] for row in csv.reader(io.StringIO(text)) if row]
        return numpy.array(rows) if numpy else rows
    if media(content_type) == 'application/json':
        value = json.loads(text)
        return numpy.array(value) if numpy and isinstance(value, list) else value
    raise ValueError(f'the default input_fn reads text/csv and application/json, not {content_type}: define input_fn')


def default_predict_fn(data, model):
    if not hasattr(model, 'predict'):
        raise TypeError(f'the model ({type(model).__name__}) has no predict method: define predict_fn(input_object, model)')
    return model.predict(data)


def plain(value):
    return value.tolist() if hasattr(value, 'tolist') else value


def json_default(value):
    if hasattr(value, 'tolist'):
        return value.tolist()
    raise TypeError(f'{type(value).__name__} is not JSON serializable')


def default_output_fn(prediction, accept):
    prediction = plain(prediction)
    if media(accept) == 'text/csv':
        out = io.StringIO()
        writer = csv.writer(out, lineterminator='\n')
        for row in prediction if isinstance(prediction, (list, tuple)) else [prediction]:
            row = plain(row)
            writer.writerow(row if isinstance(row, (list, tuple)) else [row])
        return out.getvalue()
    if media(accept) == 'application/json':
        return json.dumps(prediction, default=json_default)
    raise ValueError(f'the default output_fn writes text/csv and application/json, not {accept}: define output_fn')


def load(settings):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [settings['code_dir']] + [path for path in sys.path if path != here]
    name = os.path.splitext(os.path.basename(settings['program']))[0]
    spec = importlib.util.spec_from_file_location(name, os.path.join(settings['code_dir'], settings['program']))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def handler(user, settings):
    content_type, accept = settings['content_type'], settings['accept']
    model = getattr(user, 'model_fn', default_model_fn)(settings['model_dir'])
    input_fn = getattr(user, 'input_fn', default_input_fn)
    predict_fn = getattr(user, 'predict_fn', default_predict_fn)
    output_fn = getattr(user, 'output_fn', default_output_fn)
    transform_fn = getattr(user, 'transform_fn', None)
    text = media(content_type).startswith('text/') or 'json' in media(content_type)

    def handle(body):
        request = body.decode('utf-8') if text else body
        if transform_fn:
            result = transform_fn(model, request, content_type, accept)
        else:
            result = output_fn(predict_fn(input_fn(request, content_type), model), accept)
        result = result[0] if isinstance(result, tuple) else result
        if isinstance(result, str):
            return result.encode('utf-8')
        if isinstance(result, (bytes, bytearray)):
            return bytes(result)
        raise TypeError(f'output_fn returned {type(result).__name__}, not str or bytes')

    return handle


def payloads(data, settings):
    megabytes = settings['max_payload_mb']
    limit = megabytes * 1024 * 1024 or float('inf')
    records = data.splitlines() if settings['split_type'] == 'Line' else [data]
    batch, size = [], -1
    for record in records:
        if len(record) > limit:
            raise ValueError(f'a record of {len(record)} bytes is larger than MaxPayloadInMB ({megabytes:g} MB)')
        if batch and (settings['batch_strategy'] == 'SingleRecord' or size + 1 + len(record) > limit):
            yield b'\n'.join(batch)
            batch, size = [], -1
        batch.append(record)
        size += 1 + len(record)
    if batch:
        yield b'\n'.join(batch)


def main():
    settings = json.loads(sys.argv[1])
    doing = 'importing ' + settings['program']
    try:
        user = load(settings)
        doing = 'loading the model'
        handle = handler(user, settings)
        root = settings['input_dir']
        files = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, names in os.walk(root) for f in names)
        for name in files:
            doing = 'transforming ' + name
            opener = gzip.open if settings['compression'] == 'Gzip' else open
            with opener(os.path.join(root, name), 'rb') as source:
                data = source.read()
            target = os.path.join(settings['output_dir'], name + '.out')
            os.makedirs(os.path.dirname(target), exist_ok=True)
            count = 0
            with open(target, 'wb') as out:
                for body in payloads(data, settings):
                    response = handle(body)
                    out.write(response.rstrip(b'\r\n') + b'\n' if settings['assemble_with'] == 'Line' else response)
                    count += 1
            print(f'{name}: {count} request(s) -> {name}.out', flush=True)
    except Exception:
        trace = traceback.format_exc()
        print(trace, end='', flush=True)
        print(f'{trace.rstrip().splitlines()[-1]} ({doing})', file=sys.stderr)
        sys.exit(1)


main()
